"""The practitioner's private subscription feed of bookings (text/calendar), cheap to poll.

The address carries a token that calendars' CalendarFeed holds (as a hash); the bookings in
it are read here. Titles carry the client's initials and the booking's reference (the full
name only when the practitioner turned it on) and nothing of why they come (DESIGN "What a
message may say"): a subscribed calendar's host, and whoever shares it, reads every title.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from hearth.calendars.queries import feed_for_token
from hearth.notifications.ics import CalendarEvent, Method, calendar_ics
from hearth.practice.models import Practitioner

from .models import Booking, BookingStatus

FEED_FORMAT = "1"  # bump when the feed's layout changes, so every ETag changes with it


@dataclass(frozen=True)
class Feed:
    name: str
    events: list[CalendarEvent]
    changed_at: dt.datetime | None  # the latest change to any booking in it, cancelled ones too


def initials(name: str) -> str:
    """ "Alex Morgan" -> "A.M."; letters only, at most three."""
    letters = [word[0].upper() for word in name.split() if word[:1].isalpha()]
    return "".join(f"{letter}." for letter in letters[:3]) or "?"


def practitioner_feed(
    practitioner: Practitioner, *, now: dt.datetime, full_names: bool = False
) -> Feed:
    """Active bookings from HEARTH_FEED_PAST_DAYS ago onwards, oldest first (one query).

    Cancelled bookings leave the feed but still count as its latest change, so a poll
    with If-Modified-Since sees that something went away.
    """
    since = now - dt.timedelta(days=settings.HEARTH_FEED_PAST_DAYS)
    bookings = (
        Booking.objects.filter(practitioner=practitioner, end__gt=since)
        .only("pk", "reference", "start", "end", "status", "client_name", "updated_at")
        .order_by("start", "pk")
    )
    events, changed_at = [], None
    for booking in bookings:
        changed_at = max(changed_at or booking.updated_at, booking.updated_at)
        if booking.status != BookingStatus.CANCELLED:
            events.append(_feed_event(booking, full_names=full_names))
    return Feed(name=f"{practitioner.name}: bookings", events=events, changed_at=changed_at)


def _feed_event(booking: Booking, *, full_names: bool) -> CalendarEvent:
    admin_url = settings.HEARTH_SITE_URL + reverse("booking_admin:inspect", args=[booking.pk])
    # Who, never the service, whose name may say why they come.
    title = (
        booking.client_name
        if full_names
        else f"{initials(booking.client_name)} {booking.reference}"
    )
    return CalendarEvent(
        uid=f"{booking.reference}-feed@hearth",
        start=booking.start,
        end=booking.end,
        title=title,
        description=f"Booking {booking.reference}.\nDetails: {admin_url}",
        url=admin_url,
        stamped_at=booking.updated_at,
        modified_at=booking.updated_at,
        private=True,
    )


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    subscription = feed_for_token(token)
    if subscription is None:
        raise Http404("No calendar feed at this address.")
    content = practitioner_feed(
        subscription.practitioner, now=timezone.now(), full_names=subscription.full_names
    )
    # The ETag comes from the feed's input, so an unchanged feed is answered without
    # writing the calendar file at all.
    digest = hashlib.sha256(repr((FEED_FORMAT, content.name, content.events)).encode())
    etag = f'"{digest.hexdigest()[:32]}"'
    last_modified = int(content.changed_at.timestamp()) if content.changed_at else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:  # else 304 Not Modified (or 412 for a failed If-Match)
        body = calendar_ics(
            events=content.events,
            method=Method.PUBLISH,
            product="Practitioner feed",
            name=content.name,
            refresh_minutes=settings.HEARTH_CALENDAR_REFRESH_MINUTES,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="bookings.ics"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # The address is the token and the body names clients: no cache may keep either.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
