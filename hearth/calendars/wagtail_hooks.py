"""Admin wiring for calendars: the Calendars pages, their menu item, a dashboard warning,
and a refresh after a practitioner's calendars are edited."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hearth.practice.models import Practitioner

from . import admin_views
from .admin_dashboard import CalendarProblemsPanel
from .tasks import refresh_soon


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def refresh_edited_calendars(request, instance):
    """A calendar added in the admin is read within moments, by the worker."""
    if isinstance(instance, Practitioner) and instance.busy_calendars.exists():
        refresh_soon(practitioner_id=instance.pk)


@hooks.register("register_admin_urls")
def register_calendar_urls():
    urls = [
        path("", admin_views.overview, name="overview"),
        path("feed/<int:pk>/", admin_views.feed, name="feed"),
        path("feed/<int:pk>/new/", admin_views.new_feed_address, name="new_feed_address"),
        path("feed/<int:pk>/off/", admin_views.turn_off_feed, name="turn_off_feed"),
        path("feed/<int:pk>/names/", admin_views.feed_names, name="feed_names"),
    ]
    return [path("calendars/", (urls, "calendars_admin", "calendars_admin"))]


@hooks.register("register_admin_menu_item")
def register_calendars_menu_item():
    return MenuItem("Calendars", reverse("calendars_admin:overview"), icon_name="date", order=160)


@hooks.register("construct_homepage_panels")
def add_calendar_problems(request, panels):
    panels.append(CalendarProblemsPanel(user=request.user))
