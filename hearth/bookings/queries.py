"""Reads for booking: open slots of a service, turned from rows into engine inputs and back."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q

from hearth.calendars.queries import busy_blocks
from hearth.core.rows import shaped_rows
from hearth.practice.eligibility import codes_for, is_eligible, where_offered
from hearth.practice.models import Practitioner, Service, ServiceKind
from hearth.practice.queries import license_spans
from hearth.practice.rules_cache import service_rules_snapshot
from hearth.privacy.models import AuditEntry
from hearth.scheduling import (
    WINDOW_DATE_MARGIN,
    Busy,
    PractitionerCalendar,
    ServiceRules,
    Slot,
    WallWindow,
    local_day_bounds,
    open_starts,
)
from hearth.workshops.queries import session_busy

from .models import Booking
from .tokens import booking_id_from_token

# Engine windows are built for practitioner-local dates this far around the client's range
# (zones can be more than a day apart): the engine's own margin.
MARGIN = WINDOW_DATE_MARGIN


@dataclass(frozen=True)
class SlotsResult:
    # The open slots as (start, practitioner keys), each lasting `duration`: the API writes
    # them out as they are; `slots` makes Slot objects for everyone else, once.
    starts: list[tuple[dt.datetime, tuple[str, ...]]]
    duration: dt.timedelta
    # False when a location was given and no one can take the service from there on any
    # date of the range (DESIGN rule 7): booking from there is refused.
    location_covered: bool
    notice: str | None  # for display: where the service is offered, when not covered

    @cached_property
    def slots(self) -> list[Slot]:
        duration = self.duration
        return [
            Slot(start=start, end=start + duration, practitioners=practitioners)
            for start, practitioners in self.starts
        ]


def service_rules(service: Service) -> ServiceRules:
    minutes = dt.timedelta(minutes=1)
    return ServiceRules(
        duration=service.duration_minutes * minutes,
        interval=service.effective_interval_minutes * minutes,
        buffer_before=service.buffer_before_minutes * minutes,
        buffer_after=service.buffer_after_minutes * minutes,
        minimum_notice=service.minimum_notice_minutes * minutes,
        horizon=dt.timedelta(days=service.horizon_days),
        daily_limit=service.daily_limit,
    )


def practitioners_for(service: Service, *, only: str | None = None) -> list[Practitioner]:
    """The service's practitioners by slug, with hours, every date override and licenses
    prefetched (kept between requests: `practice.rules_cache`)."""
    snapshot = service_rules_snapshot(service.slug)
    practitioners = list(snapshot.practitioners) if snapshot is not None else []
    if only is not None:
        practitioners = [p for p in practitioners if p.slug == only]
    return practitioners


def wall_windows(practitioner: Practitioner, first: dt.date, last: dt.date) -> list[WallWindow]:
    """Weekly hours for each date in [first, last], unless the date has its own."""
    weekly: dict[int, list[tuple[int, int]]] = {}
    for window in practitioner.weekly_windows.all():
        weekly.setdefault(window.weekday, []).append((window.start_minute, window.end_minute))
    overrides = {override.date: override.spans for override in practitioner.overrides.all()}
    windows: list[WallWindow] = []
    day = first
    while day <= last:
        if day in overrides:
            spans = [(span.start_minute, span.end_minute) for span in overrides[day]]
        else:
            spans = weekly.get(day.weekday(), [])
        windows.extend(WallWindow(day, start, end) for start, end in spans)
        day += dt.timedelta(days=1)
    return windows


def busy_by_practitioner(
    practitioner_ids: list[int],
    *,
    service: Service,
    since: dt.datetime,
    until: dt.datetime,
    exclude_booking_id: int | None = None,
) -> dict[int, list[Busy]]:
    """Active bookings, external busy blocks and workshop sessions that can touch
    [since, until), as engine busy time (one query each)."""
    rows = shaped_rows(
        "bookings.busy",
        _active_bookings,
        datetime_columns=(2, 3),
        practitioner_ids=list(practitioner_ids),
        since=since,
        until=until,
        exclude_booking_id=exclude_booking_id,
    )
    busy: dict[int, list[Busy]] = {pk: [] for pk in practitioner_ids}
    buffers: dict[int, dt.timedelta] = {}  # a few distinct buffer lengths, made once each
    service_id_queried = service.pk  # a property: read once, not once per row
    for practitioner_id, service_id, start, end, before, after in rows:
        if before not in buffers:
            buffers[before] = dt.timedelta(minutes=before)
        if after not in buffers:
            buffers[after] = dt.timedelta(minutes=after)
        busy[practitioner_id].append(
            Busy(start, end, buffers[before], buffers[after], service_id == service_id_queried)
        )
    for practitioner_id, blocks in busy_blocks(practitioner_ids, since, until).items():
        busy[practitioner_id].extend(blocks)
    sessions = session_busy(practitioner_ids, since=since, until=until)
    for practitioner_id, blocks in sessions.items():
        busy[practitioner_id].extend(blocks)
    return busy


def _active_bookings(*, practitioner_ids, since, until, exclude_booking_id):
    return (
        Booking.objects.active()
        .filter(practitioner_id__in=practitioner_ids, start__lt=until, end__gt=since)
        .exclude(Q(pk=exclude_booking_id) if exclude_booking_id else Q(pk__in=[]))
        .values_list(
            "practitioner_id",
            "service_id",
            "start",
            "end",
            "buffer_before_minutes",
            "buffer_after_minutes",
        )
    )


def open_slots_for(
    *,
    service: Service,
    first: dt.date,
    last: dt.date,
    client_zone: ZoneInfo,
    now: dt.datetime,
    location: str | None = None,
    practitioner_slug: str | None = None,
    exclude_booking_id: int | None = None,
    practitioners: Sequence[Practitioner] | None = None,
    rules: ServiceRules | None = None,
) -> SlotsResult:
    """Slots starting on the client's local dates [first, last] (DESIGN rules 1-7).

    `rules` replaces the service's own (the practice, booking for a client, is not held
    to the notice or the horizon: practice_actions.practice_rules).

    Raises hearth.scheduling.InvalidRange for reversed or too-long ranges. A
    fixed number of queries whatever the range or the number of bookings. `practitioners`
    (the service's, from `practice.rules_cache`) saves looking them up again.
    """
    range_start, range_end = local_day_bounds(first, last, client_zone)
    if practitioners is None:
        practitioners = practitioners_for(service, only=practitioner_slug)
    elif practitioner_slug is not None:
        practitioners = [p for p in practitioners if p.slug == practitioner_slug]
    by_pk = {p.pk: p for p in practitioners}
    # Bookings a little outside the range still matter through buffers and daily limits.
    reach = MARGIN + dt.timedelta(days=1)
    busy = busy_by_practitioner(
        list(by_pk),
        service=service,
        since=range_start - reach,
        until=range_end + reach,
        exclude_booking_id=exclude_booking_id,
    )
    calendars = [
        PractitionerCalendar(
            key=p.slug,
            zone=ZoneInfo(p.timezone),
            windows=tuple(wall_windows(p, first - MARGIN, last + MARGIN)),
            busy=tuple(busy[p.pk]),
        )
        for p in practitioners
    ]
    check = None
    if location is not None:
        policy = service.policy
        licenses = {p.slug: license_spans(p) for p in practitioners}

        def check(slug: str, day: dt.date) -> bool:
            return is_eligible(policy=policy, licenses=licenses[slug], location=location, on=day)

    rules = rules or service_rules(service)
    starts = open_starts(
        rules=rules,
        calendars=calendars,
        now=now,
        first_date=first,
        last_date=last,
        client_zone=client_zone,
        is_eligible=check,
    )
    covered = location is None or _location_covered(service, practitioners, location, first, last)
    notice = None if covered else coverage_sentence(service, practitioners, now=now)
    return SlotsResult(
        starts=starts, duration=rules.duration, location_covered=covered, notice=notice
    )


def locations_today(
    service: Service, practitioners: list[Practitioner], *, now: dt.datetime
) -> frozenset[str]:
    """Codes where someone can take the service today (each practitioner's own date)."""
    policy = service.policy
    codes: set[str] = set()
    for practitioner in practitioners:
        today = now.astimezone(ZoneInfo(practitioner.timezone)).date()
        codes |= codes_for(policy=policy, licenses=license_spans(practitioner), on=today)
    return frozenset(codes)


def coverage_sentence(
    service: Service, practitioners: list[Practitioner], *, now: dt.datetime
) -> str:
    codes = locations_today(service, practitioners, now=now)
    return where_offered(service_name=service.name, codes=codes, kind=service.kind)


def _location_covered(
    service: Service,
    practitioners: list[Practitioner],
    location: str,
    first: dt.date,
    last: dt.date,
) -> bool:
    """Could anyone take the service from `location` on some date of the range?"""
    policy = service.policy
    one_day = dt.timedelta(days=1)
    days = [first - one_day + n * one_day for n in range((last - first).days + 3)]
    return any(
        is_eligible(policy=policy, licenses=license_spans(p), location=location, on=day)
        for p in practitioners
        for day in days
    )


def other_services_offered(*, besides: Service, location: str, now: dt.datetime) -> list[Service]:
    """Services other than `besides`, not clinical, that someone can take from `location`
    today (each practitioner's own date), by name: where counseling is out of reach,
    coaching or the consultation may fit. Three queries."""
    services = (
        Service.objects.exclude(pk=besides.pk)
        .exclude(kind=ServiceKind.CLINICAL)
        .prefetch_related(
            Prefetch("practitioners", queryset=Practitioner.objects.prefetch_related("licenses"))
        )
        .order_by("name")
    )
    return [
        service
        for service in services
        if location in locations_today(service, list(service.practitioners.all()), now=now)
    ]


def booking_for_token(token: str) -> Booking | None:
    """The booking a manage link names, with its service and practitioner; None for a link
    that is forged or names no booking."""
    booking_id = booking_id_from_token(token)
    if booking_id is None:
        return None
    return Booking.objects.select_related("service", "practitioner").filter(pk=booking_id).first()


HISTORY_WORDS = {
    "booking.created": "Booked",
    "booking.rescheduled": "Moved to a new time",
    "booking.cancelled": "Cancelled",
    "booking.completed": "Marked completed",
    "booking.no_show": "Marked no-show",
    "booking.note_changed": "Practice note changed",
    "booking.checked_in": "Location confirmed at check-in",
    "booking.checked_in_outside_licenses": "Location confirmed at check-in: outside your licenses",
}
# Reads are listed on the client's page, not in a booking's history of changes.
READ_ACTIONS = ("booking.details_viewed", "intake.viewed")


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    actor: str  # "client", "system" or a username
    words: str


def booking_history(booking: Booking) -> list[HistoryLine]:
    """The booking's audit trail, oldest first, in words for the practice."""
    entries = (
        AuditEntry.objects.filter(object_type=Booking._meta.label_lower, object_id=str(booking.pk))
        .exclude(action__in=READ_ACTIONS)
        .order_by("at", "id")
    )
    return [
        HistoryLine(entry.at, entry.actor, HISTORY_WORDS.get(entry.action, entry.action))
        for entry in entries
    ]
