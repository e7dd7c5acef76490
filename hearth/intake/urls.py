"""Routes of the client's intake (no account: the link's token is the key)."""

from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("<str:token>/", views.fill, name="fill"),
    path("<str:token>/signed/", views.signed, name="signed"),
]
