"""Routes of the public booking flow."""

from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("", views.services_page, name="services"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/cancel/", views.cancel, name="cancel"),
    path("manage/<str:token>/reschedule/", views.reschedule, name="reschedule"),
    path("manage/<str:token>/calendar.ics", views.calendar_file, name="calendar"),
    path("done/<str:token>/", views.done, name="done"),
    path("<slug:slug>/", views.choose_time, name="choose_time"),
    path("<slug:slug>/details/", views.details, name="details"),
]
