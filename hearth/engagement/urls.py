"""Routes of the public engagement endpoints."""

from django.urls import re_path

from . import views

app_name = "engagement"

urlpatterns = [
    re_path(r"^views/(?P<page_id>[0-9]{1,9})/$", views.view_beacon, name="beacon"),
    re_path(r"^comments/(?P<page_id>[0-9]{1,9})/$", views.post_comment, name="comment"),
]
