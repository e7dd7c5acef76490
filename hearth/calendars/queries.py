"""Reads for calendars: busy blocks as engine busy time, the practitioner's feed, fetch status."""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Max
from django.urls import reverse

from hearth.bookings.models import Booking, BookingStatus
from hearth.practice.models import BusyCalendar, Practitioner, Service
from hearth.scheduling import Busy

from .feed_ics import FeedEvent
from .models import BusyBlock, CalendarCopy, CalendarFeed

DEFAULT_HORIZON_DAYS = 60
# Busy calendars are expanded a little beyond the longest booking horizon: zones and
# buffers reach past it.
HORIZON_MARGIN = dt.timedelta(days=3)


def busy_blocks(
    practitioner_ids: list[int], since: dt.datetime, until: dt.datetime
) -> dict[int, list[Busy]]:
    """External busy time meeting [since, until), per practitioner, with no buffers (one query).

    Blocks count only while their calendar still has the address they were fetched from.
    """
    rows = BusyBlock.objects.filter(
        practitioner_id__in=practitioner_ids,
        start__lt=until,
        end__gt=since,
        calendar__copy__fetched_url=F("calendar__url"),
    ).values_list("practitioner_id", "start", "end")
    busy: dict[int, list[Busy]] = {pk: [] for pk in practitioner_ids}
    for practitioner_id, start, end in rows:
        busy[practitioner_id].append(Busy(start=start, end=end))
    return busy


def expansion_window(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """[since, until) over which busy calendars are expanded: from a day ago to past the
    longest booking horizon of any service."""
    horizon = Service.objects.aggregate(days=Max("horizon_days"))["days"] or DEFAULT_HORIZON_DAYS
    return now - dt.timedelta(days=1), now + dt.timedelta(days=horizon) + HORIZON_MARGIN


def calendar_statuses() -> list[tuple[BusyCalendar, CalendarCopy | None]]:
    """Every busy calendar with how its last fetch went (the file itself is not loaded)."""
    calendars = BusyCalendar.objects.select_related("practitioner").order_by(
        "practitioner__name", "url"
    )
    copies = {copy.calendar_id: copy for copy in CalendarCopy.objects.defer("body")}
    return [(calendar, copies.get(calendar.pk)) for calendar in calendars]


# --- the practitioner's feed ----------------------------------------------------------------


def feed_practitioner(token: str) -> Practitioner | None:
    """The practitioner whose current feed token this is, or None (unknown or revoked)."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    feed = CalendarFeed.objects.filter(token_hash=digest).select_related("practitioner").first()
    return feed.practitioner if feed else None


@dataclass(frozen=True)
class Feed:
    name: str
    events: list[FeedEvent]
    changed_at: dt.datetime | None  # the latest change to any booking in it, cancelled ones too


def practitioner_feed(practitioner: Practitioner, *, now: dt.datetime) -> Feed:
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
            events.append(_feed_event(booking))
    return Feed(name=f"{practitioner.name}: bookings", events=events, changed_at=changed_at)


def _feed_event(booking: Booking) -> FeedEvent:
    admin_url = settings.HEARTH_SITE_URL + reverse("booking_admin:inspect", args=[booking.pk])
    # The client's name only: never the service, whose name may say why they come.
    return FeedEvent(
        uid=f"{booking.reference}-feed@hearth",
        start=booking.start,
        end=booking.end,
        title=booking.client_name,
        description=f"Booking {booking.reference}.\nDetails: {admin_url}",
        url=admin_url,
        changed_at=booking.updated_at,
    )
