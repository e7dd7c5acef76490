"""Routes of the public workshop pages."""

from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registration/<str:token>/accept/", views.accept, name="accept"),
    path("registration/<str:token>/calendar.ics", views.calendar_file, name="calendar"),
    path("<slug:slug>/", views.detail, name="detail"),
]
