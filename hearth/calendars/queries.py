"""Reads for calendars: busy blocks as engine busy time, fetch status, whose feed a token opens."""

import datetime as dt
import hashlib

from django.db.models import F, Max

from hearth.core.rows import shaped_rows
from hearth.practice.models import BusyCalendar, Practitioner, Service
from hearth.scheduling import Busy

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
    rows = shaped_rows(
        "calendars.busy_blocks",
        _blocks_meeting,
        datetime_columns=(1, 2),
        practitioner_ids=list(practitioner_ids),
        since=since,
        until=until,
    )
    busy: dict[int, list[Busy]] = {pk: [] for pk in practitioner_ids}
    for practitioner_id, start, end in rows:
        busy[practitioner_id].append(Busy(start, end))
    return busy


def _blocks_meeting(*, practitioner_ids, since, until):
    return BusyBlock.objects.filter(
        practitioner_id__in=practitioner_ids,
        start__lt=until,
        end__gt=since,
        calendar__copy__fetched_url=F("calendar__url"),
    ).values_list("practitioner_id", "start", "end")


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


# --- the practitioner's feed token ----------------------------------------------------------


def feed_for_token(token: str) -> CalendarFeed | None:
    """The current feed with this token (its practitioner loaded), or None."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    return CalendarFeed.objects.filter(token_hash=digest).select_related("practitioner").first()


def feed_practitioner(token: str) -> Practitioner | None:
    """The practitioner whose current feed token this is, or None (unknown or revoked)."""
    feed = feed_for_token(token)
    return feed.practitioner if feed else None
