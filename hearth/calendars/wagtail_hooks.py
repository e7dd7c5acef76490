"""Admin: a Calendars page with each practitioner's feed address and busy calendars' health."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from hearth.practice.models import Practitioner

from .actions import issue_feed_token, revoke_feed
from .fetching import short_address
from .models import CalendarFeed, FetchStatus
from .queries import calendar_statuses
from .tasks import refresh_soon


def can_manage(user, practitioner: Practitioner) -> bool:
    """Whoever may edit practitioners, and each practitioner for their own calendars."""
    return user.has_perm("practice.change_practitioner") or practitioner.user_id == user.pk


def overview(request: HttpRequest) -> HttpResponse:
    feeds = {feed.practitioner_id: feed for feed in CalendarFeed.objects.all()}
    rows: dict[int, dict] = {}
    for practitioner in Practitioner.objects.order_by("name"):
        if can_manage(request.user, practitioner):
            rows[practitioner.pk] = {
                "practitioner": practitioner,
                "feed": feeds.get(practitioner.pk),
                "calendars": [],
            }
    for calendar, copy in calendar_statuses():
        if calendar.practitioner_id in rows:
            rows[calendar.practitioner_id]["calendars"].append(
                {"calendar": calendar, "copy": copy, "address": short_address(calendar.url)}
            )
    return TemplateResponse(
        request,
        "calendars/admin/overview.html",
        {"rows": list(rows.values()), "header_title": "Calendars", "failed": FetchStatus.FAILED},
    )


def feed(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = get_object_or_404(Practitioner, pk=pk)
    if not can_manage(request.user, practitioner):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "calendars/admin/feed.html",
        {
            "practitioner": practitioner,
            "feed": CalendarFeed.objects.filter(practitioner=practitioner).first(),
            "address": None,
            "header_title": f"Calendar feed of {practitioner.name}",
        },
    )


@require_POST
def new_feed_address(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = get_object_or_404(Practitioner, pk=pk)
    if not can_manage(request.user, practitioner):
        raise PermissionDenied
    token = issue_feed_token(
        practitioner=practitioner, actor=request.user.get_username(), now=timezone.now()
    )
    address = settings.HEARTH_SITE_URL + reverse("booking_feed:feed", args=[token])
    # Shown this once: only a hash of the token is stored.
    return TemplateResponse(
        request,
        "calendars/admin/feed.html",
        {
            "practitioner": practitioner,
            "feed": CalendarFeed.objects.get(practitioner=practitioner),
            "address": address,
            "webcal_address": "webcal://" + address.split("://", 1)[1],
            "header_title": f"Calendar feed of {practitioner.name}",
        },
    )


@require_POST
def turn_off_feed(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = get_object_or_404(Practitioner, pk=pk)
    if not can_manage(request.user, practitioner):
        raise PermissionDenied
    revoke_feed(practitioner=practitioner, actor=request.user.get_username())
    return redirect("calendars_admin:feed", pk=practitioner.pk)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def refresh_edited_calendars(request, instance):
    """A calendar added in the admin is read within moments, by the worker."""
    if isinstance(instance, Practitioner) and instance.busy_calendars.exists():
        refresh_soon(practitioner_id=instance.pk)


@hooks.register("register_admin_urls")
def register_calendar_urls():
    urls = [
        path("", overview, name="overview"),
        path("feed/<int:pk>/", feed, name="feed"),
        path("feed/<int:pk>/new/", new_feed_address, name="new_feed_address"),
        path("feed/<int:pk>/off/", turn_off_feed, name="turn_off_feed"),
    ]
    return [path("calendars/", (urls, "calendars_admin", "calendars_admin"))]


@hooks.register("register_admin_menu_item")
def register_calendars_menu_item():
    return MenuItem("Calendars", reverse("calendars_admin:overview"), icon_name="date", order=160)


class CalendarProblemsPanel(Component):
    """On the dashboard: busy calendars whose last fetch failed."""

    order = 60
    template_name = "calendars/admin/problems_panel.html"

    def __init__(self, *, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "problems": [
                {"calendar": calendar, "copy": copy, "address": short_address(calendar.url)}
                for calendar, copy in calendar_statuses()
                if copy is not None
                and copy.status == FetchStatus.FAILED
                and can_manage(self.user, calendar.practitioner)
            ]
        }

    def render_html(self, parent_context=None):
        if not self.get_context_data()["problems"]:
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_calendar_problems(request, panels):
    panels.append(CalendarProblemsPanel(user=request.user))
