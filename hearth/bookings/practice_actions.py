"""The practice's own writes from the back office: book for a client, move a client's booking,
block time and give it back. Each is one transaction with its audit entry.

The practice is not held to a service's minimum notice or horizon, but every other rule of
a client's booking stands: the time must be inside the practitioner's hours, clear of other
bookings, busy time and workshop sessions (with buffers and the daily limit), and the client's
location must be eligible for the service on that date (for counseling: a license there).
"""

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from hearth.practice.models import DateOverride, Practitioner, Service
from hearth.practice.windows import Span, format_line
from hearth.privacy.actions import record_audit
from hearth.scheduling import ServiceRules

from .actions import (
    TAKEN,
    BookingResult,
    ClientDetails,
    _client_of,
    _insert_booking,
    _lock_practitioners,
    _move_to,
    _offered_slot,
)
from .errors import InvalidBooking, SlotTaken
from .intake_links import open_intake
from .models import Booking, BookingStatus
from .notify import queue_booking_messages
from .queries import open_slots_for, service_rules

PAST = "That time has already passed. Please choose a time still to come."


def practice_rules(service: Service, *, start: dt.datetime, now: dt.datetime) -> ServiceRules:
    """The service's rules without minimum notice, with a horizon reaching past `start`."""
    rules = service_rules(service)
    reach = max(rules.horizon, start - now + dt.timedelta(days=2))
    return dataclasses.replace(rules, minimum_notice=dt.timedelta(0), horizon=reach)


def book_for_client(
    *,
    service: Service,
    start: dt.datetime,
    client: ClientDetails,
    now: dt.datetime,
    actor: str,
    practitioner_slug: str | None = None,
) -> BookingResult:
    """Book `start` for a client who asked the practice (by phone, in a session). Raises the
    refusals of a client's booking (LocationRequired, NotEligible, SlotTaken); nothing is
    written then. The client gets the usual confirmation when they said email is safe."""
    if start <= now:
        raise SlotTaken(PAST)
    rules = practice_rules(service, start=start, now=now)
    try:
        with transaction.atomic():
            booking = _insert_booking(service, start, client, now, practitioner_slug, rules=rules)
            record_audit(
                actor=actor,
                action="booking.created",
                target=booking,
                service=service.slug,
                start=booking.start.isoformat(),
                by_practice=True,
            )
            open_intake(booking=booking)
            queue_booking_messages(booking=booking, event="created", now=now)
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL) won a race
        raise SlotTaken(TAKEN) from error
    return BookingResult(booking, created=True)


def move_for_client(
    *, booking: Booking, new_start: dt.datetime, now: dt.datetime, actor: str
) -> Booking:
    """Move a confirmed booking to `new_start` on the client's behalf: the new time is taken
    and the old one freed together, or nothing changes. The client is told as when they
    move it themselves (only if they said email is safe)."""
    try:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update()
                .select_related("service", "practitioner")
                .get(pk=booking.pk)
            )
            if booking.status != BookingStatus.CONFIRMED:
                raise InvalidBooking("Only a confirmed booking can be moved.")
            if new_start <= now:
                raise SlotTaken(PAST)
            if new_start == booking.start:
                raise InvalidBooking("The booking is already at that time.")
            client = _client_of(booking)
            _lock_practitioners(booking.service, booking.practitioner.slug)
            slot = _offered_slot(
                booking.service,
                new_start,
                client,
                now,
                booking.practitioner.slug,
                exclude_booking_id=booking.pk,
                rules=practice_rules(booking.service, start=new_start, now=now),
            )
            if slot is None:
                raise SlotTaken(TAKEN)
            _move_to(booking, slot, now=now, actor=actor, by_practice=True)
    except IntegrityError as error:
        raise SlotTaken(TAKEN) from error
    return booking


def practice_times(
    *,
    service: Service,
    day: dt.date,
    zone: ZoneInfo,
    location: str,
    now: dt.datetime,
    moving: Booking | None = None,
) -> list:
    """The times the practice may book (or move `moving` to) on `day`, a date in `zone`, for
    a client at `location`: hours, bookings, buffers and eligibility count; notice and
    horizon do not."""
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    result = open_slots_for(
        service=service,
        first=day,
        last=day,
        client_zone=zone,
        now=now,
        location=location or None,
        rules=practice_rules(service, start=end_of_day, now=now),
        practitioner_slug=moving.practitioner.slug if moving else None,
        exclude_booking_id=moving.pk if moving else None,
    )
    return result.slots


# Blocking time: written as the practitioner's date overrides (their own hours that date).


def hours_on(practitioner: Practitioner, day: dt.date) -> list[Span]:
    """The practitioner's hours on `day` (wall clock in their zone): the date's own, or the
    weekly ones."""
    override = DateOverride.objects.filter(practitioner=practitioner, date=day).first()
    if override is not None:
        return override.spans
    return [
        Span(window.start_minute, window.end_minute)
        for window in practitioner.weekly_windows.filter(weekday=day.weekday())
    ]


def _without(spans: list[Span], blocked: Span) -> list[Span]:
    kept: list[Span] = []
    for span in spans:
        if span.end_minute <= blocked.start_minute or span.start_minute >= blocked.end_minute:
            kept.append(span)
            continue
        if span.start_minute < blocked.start_minute:
            kept.append(Span(span.start_minute, blocked.start_minute))
        if span.end_minute > blocked.end_minute:
            kept.append(Span(blocked.end_minute, span.end_minute))
    return kept


def block_time(
    *, practitioner: Practitioner, day: dt.date, actor: str, blocked: Span | None = None
) -> DateOverride:
    """Take time off on `day`: the whole day (`blocked` None) or a span of wall-clock minutes
    in the practitioner's zone, removed from that date's hours. No one can book it
    afterwards; bookings already there stand (the practice moves or cancels them)."""
    if blocked is not None and blocked.end_minute <= blocked.start_minute:
        raise InvalidBooking("The end of the time off must be after its start.")
    with transaction.atomic():
        _lock_practitioners_row(practitioner)
        spans = [] if blocked is None else _without(hours_on(practitioner, day), blocked)
        override, _ = DateOverride.objects.update_or_create(
            practitioner=practitioner, date=day, defaults={"windows": format_line(spans)}
        )
        record_audit(
            actor=actor,
            action="practice.time_blocked",
            target=practitioner,
            date=day.isoformat(),
            blocked=str(blocked) if blocked else "day",
            hours=override.windows,
        )
    return override


def unblock_day(*, practitioner: Practitioner, day: dt.date, actor: str) -> bool:
    """Give `day` back its weekly hours (remove its own hours). False when it had none."""
    with transaction.atomic():
        _lock_practitioners_row(practitioner)
        deleted, _ = DateOverride.objects.filter(practitioner=practitioner, date=day).delete()
        if deleted:
            record_audit(
                actor=actor,
                action="practice.time_unblocked",
                target=practitioner,
                date=day.isoformat(),
            )
    return bool(deleted)


def _lock_practitioners_row(practitioner: Practitioner) -> None:
    list(Practitioner.objects.select_for_update().filter(pk=practitioner.pk))


def bookings_within(practitioner: Practitioner, day: dt.date, blocked: Span | None) -> int:
    """How many active bookings of the practitioner fall in the blocked time (to say so)."""
    zone = ZoneInfo(practitioner.timezone)
    first = blocked.start_minute if blocked else 0
    last = blocked.end_minute if blocked else 24 * 60
    midnight = dt.datetime.combine(day, dt.time.min)
    since = (midnight + dt.timedelta(minutes=first)).replace(tzinfo=zone)
    until = (midnight + dt.timedelta(minutes=last)).replace(tzinfo=zone)
    return (
        Booking.objects.active()
        .filter(practitioner=practitioner, start__lt=until, end__gt=since)
        .count()
    )


__all__ = [
    "block_time",
    "book_for_client",
    "bookings_within",
    "hours_on",
    "move_for_client",
    "practice_rules",
    "practice_times",
    "unblock_day",
]
