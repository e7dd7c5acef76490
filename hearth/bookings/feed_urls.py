"""The address of the practitioner's private booking feed, mounted under calendars/ so that
subscribed calendars keep working: /calendars/feed/<token>.ics."""

from django.urls import path

from . import feed

app_name = "booking_feed"
urlpatterns = [
    path("feed/<str:token>.ics", feed.feed, name="feed"),
]
