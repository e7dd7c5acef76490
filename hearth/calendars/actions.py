"""Writes for calendars: refresh busy calendars, issue and revoke practitioners' feed tokens."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F

from hearth.practice.models import BusyCalendar, Practitioner
from hearth.privacy.actions import record_audit

from .busy_ics import (
    BusyInterval,
    BusyOptions,
    CalendarFileError,
    busy_intervals,
    parse_calendar,
)
from .fetching import Fetched, FetchFailed, fetch_calendar
from .models import BusyBlock, CalendarCopy, CalendarFeed, FetchStatus
from .queries import expansion_window


@dataclass(frozen=True)
class RefreshOutcome:
    calendar_id: int
    ok: bool
    block_count: int  # the blocks in force after this refresh
    error: str = ""


ERROR_LENGTH = 500


def plain_error(error: Exception) -> str:
    """The error as stored and shown: no NUL characters (PostgreSQL refuses them, and a
    parser's message may quote the file), and not too long."""
    text = str(error).replace("\x00", "")
    return text if len(text) <= ERROR_LENGTH else text[: ERROR_LENGTH - 1] + "…"


def refresh_calendar(*, calendar: BusyCalendar, now: dt.datetime) -> RefreshOutcome:
    """Fetch one busy calendar and replace its busy blocks in one transaction.

    The fetch happens outside any transaction (it can take seconds). When it fails, or the
    file cannot be read, the last good copy and its blocks stay in force and the error is
    recorded for the admin; nothing is raised.
    """
    copy, _ = CalendarCopy.objects.get_or_create(calendar=calendar)
    same_address = copy.fetched_url == calendar.url and bool(copy.body)
    since, until = expansion_window(now)
    try:
        fetched = fetch_calendar(
            calendar.url,
            timeout_seconds=settings.HEARTH_CALENDAR_FETCH_TIMEOUT_SECONDS,
            max_bytes=settings.HEARTH_CALENDAR_MAX_BYTES,
            etag=copy.etag if same_address else "",
            last_modified=copy.last_modified if same_address else "",
            internal_hosts=frozenset(settings.HEARTH_CALENDAR_INTERNAL_HOSTS),
        )
        body = bytes(copy.body) if fetched.not_modified else fetched.body
        intervals = busy_intervals(
            parse_calendar(body, near=(since, until)),
            since=since,
            until=until,
            zone=ZoneInfo(calendar.practitioner.timezone),
            options=BusyOptions(
                include_all_day=calendar.include_all_day,
                include_transparent=calendar.include_transparent,
            ),
        )
    except (FetchFailed, CalendarFileError) as error:
        message = plain_error(error)
        CalendarCopy.objects.filter(pk=copy.pk).update(
            status=FetchStatus.FAILED,
            last_attempt_at=now,
            last_error=message,
            failures_in_a_row=F("failures_in_a_row") + 1,
        )
        kept = copy.block_count if copy.fetched_url == calendar.url else 0
        return RefreshOutcome(calendar.pk, ok=False, block_count=kept, error=message)
    stored = replace_busy_blocks(
        calendar=calendar, intervals=intervals, copy=copy, body=body, fetched=fetched, now=now
    )
    if not stored:
        # Removed or changed in the admin while we fetched: the next refresh will see it.
        return RefreshOutcome(calendar.pk, ok=False, block_count=0, error="changed meanwhile")
    return RefreshOutcome(calendar.pk, ok=True, block_count=len(intervals))


def replace_busy_blocks(
    *,
    calendar: BusyCalendar,
    intervals: list[BusyInterval],
    copy: CalendarCopy,
    body: bytes,
    fetched: Fetched,
    now: dt.datetime,
) -> bool:
    """Swap the calendar's busy blocks for `intervals` and keep `body` as its last good copy,
    in one transaction. False (nothing written) when the calendar was removed or its
    address changed since it was read."""
    with transaction.atomic():
        if not BusyCalendar.objects.filter(pk=calendar.pk, url=calendar.url).exists():
            return False
        BusyBlock.objects.filter(calendar_id=calendar.pk).delete()
        BusyBlock.objects.bulk_create(
            (
                BusyBlock(
                    calendar_id=calendar.pk,
                    practitioner_id=calendar.practitioner_id,
                    start=interval.start,
                    end=interval.end,
                )
                for interval in intervals
            ),
            batch_size=1000,
        )
        CalendarCopy.objects.filter(pk=copy.pk).update(
            status=FetchStatus.OK,
            fetched_url=calendar.url,
            body=body,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            last_attempt_at=now,
            last_success_at=now,
            last_error="",
            failures_in_a_row=0,
            block_count=len(intervals),
        )
    return True


def refresh_all_calendars(
    *, now: dt.datetime, practitioner_id: int | None = None
) -> list[RefreshOutcome]:
    """Refresh every busy calendar (or one practitioner's), one after the other."""
    calendars = BusyCalendar.objects.select_related("practitioner").order_by("pk")
    if practitioner_id is not None:
        calendars = calendars.filter(practitioner_id=practitioner_id)
    return [refresh_calendar(calendar=calendar, now=now) for calendar in calendars]


# --- the practitioner's feed ----------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_feed_token(*, practitioner: Practitioner, actor: str, now: dt.datetime) -> str:
    """A new secret feed token for the practitioner (the old address stops working at once).

    Returned once: only its hash is stored, so it cannot be shown again.
    """
    token = secrets.token_urlsafe(32)  # 256 bits
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(
            practitioner=practitioner,
            defaults={"token_hash": token_hash(token), "created_at": now},
        )
        record_audit(actor=actor, action="calendar_feed.issued", target=practitioner)
    return token


def set_feed_names(*, practitioner: Practitioner, full_names: bool, actor: str) -> bool:
    """Title the feed's events with full names (True) or initials and reference (False);
    False when the practitioner has no feed."""
    with transaction.atomic():
        changed = CalendarFeed.objects.filter(practitioner=practitioner).update(
            full_names=full_names
        )
        if changed:
            record_audit(
                actor=actor,
                action="calendar_feed.names",
                target=practitioner,
                full_names=full_names,
            )
    return bool(changed)


def revoke_feed(*, practitioner: Practitioner, actor: str) -> bool:
    """Stop the practitioner's feed address from working; False if there was none."""
    with transaction.atomic():
        deleted, _ = CalendarFeed.objects.filter(practitioner=practitioner).delete()
        if deleted:
            record_audit(actor=actor, action="calendar_feed.revoked", target=practitioner)
    return bool(deleted)
