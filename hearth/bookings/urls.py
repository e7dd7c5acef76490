"""Routes of the public booking flow."""

from django.urls import path

from . import checkin_views, manage_views, views

app_name = "bookings"

urlpatterns = [
    path("", views.services_page, name="services"),
    path("manage/<str:token>/", manage_views.manage, name="manage"),
    path("manage/<str:token>/cancel/", manage_views.cancel, name="cancel"),
    path("manage/<str:token>/reschedule/", manage_views.reschedule, name="reschedule"),
    path("manage/<str:token>/check-in/", checkin_views.check_in, name="check_in"),
    path(
        "manage/<str:token>/check-in/outside/",
        checkin_views.outside_licenses,
        name="check_in_outside",
    ),
    path("manage/<str:token>/calendar.ics", manage_views.calendar_file, name="calendar"),
    path("done/<str:token>/", manage_views.done, name="done"),
    path("<slug:slug>/", views.choose_time, name="choose_time"),
    path("<slug:slug>/details/", views.details, name="details"),
]
