"""Admin views for calendars: each practitioner's feed address and busy calendars' health."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.permission_policies import ModelPermissionPolicy

from hearth.practice.models import Practitioner

from .actions import issue_feed_token, revoke_feed, set_feed_names
from .admin_forms import FULL_NAMES_WARNING, FeedNamesForm
from .fetching import short_address
from .models import CalendarFeed, FetchStatus
from .queries import calendar_statuses


class CalendarsPermissionPolicy(ModelPermissionPolicy):
    """Whoever may edit practitioners, and each practitioner for their own calendars."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action) or instance.user_id == user.pk


permission_policy = CalendarsPermissionPolicy(Practitioner)


def can_manage(user, practitioner: Practitioner) -> bool:
    return permission_policy.user_has_permission_for_instance(user, "change", practitioner)


def _managed_practitioner(request: HttpRequest, pk: int) -> Practitioner:
    practitioner = get_object_or_404(Practitioner, pk=pk)
    if not can_manage(request.user, practitioner):
        raise PermissionDenied
    return practitioner


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


def _feed_page(request: HttpRequest, practitioner: Practitioner, **context) -> HttpResponse:
    feed = CalendarFeed.objects.filter(practitioner=practitioner).first()
    return TemplateResponse(
        request,
        "calendars/admin/feed.html",
        {
            "practitioner": practitioner,
            "feed": feed,
            "address": None,
            "header_title": f"Calendar feed of {practitioner.name}",
            "full_names_warning": FULL_NAMES_WARNING,
            "names_form": FeedNamesForm(initial={"full_names": bool(feed and feed.full_names)}),
            **context,
        },
    )


def feed(request: HttpRequest, pk: int) -> HttpResponse:
    return _feed_page(request, _managed_practitioner(request, pk))


@require_POST
def new_feed_address(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = _managed_practitioner(request, pk)
    token = issue_feed_token(
        practitioner=practitioner, actor=request.user.get_username(), now=timezone.now()
    )
    address = settings.HEARTH_SITE_URL + reverse("booking_feed:feed", args=[token])
    # Shown this once: only a hash of the token is stored.
    return _feed_page(
        request,
        practitioner,
        address=address,
        webcal_address="webcal://" + address.split("://", 1)[1],
    )


@require_POST
def turn_off_feed(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = _managed_practitioner(request, pk)
    revoke_feed(practitioner=practitioner, actor=request.user.get_username())
    return redirect("calendars_admin:feed", pk=practitioner.pk)


@require_POST
def feed_names(request: HttpRequest, pk: int) -> HttpResponse:
    practitioner = _managed_practitioner(request, pk)
    form = FeedNamesForm(request.POST)
    if not form.is_valid():
        return _feed_page(request, practitioner, names_form=form)
    set_feed_names(
        practitioner=practitioner,
        full_names=form.cleaned_data["full_names"],
        actor=request.user.get_username(),
    )
    return redirect("calendars_admin:feed", pk=practitioner.pk)
