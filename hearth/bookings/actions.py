"""Writes for bookings: book a slot, cancel, reschedule — each one transaction with its audit.

The engine decides whether a time is offered; the database makes it true
under concurrency (PostgreSQL: an exclusion constraint and a lock on the
practitioner's row; SQLite: the IMMEDIATE transaction serialises writers).
"""

import datetime as dt
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from hearth.core.contact import ContactDetails
from hearth.core.idempotency import fingerprint_of, write_once
from hearth.core.ids import new_reference
from hearth.core.text import clean_line, clean_lines
from hearth.practice.models import Practice, Practitioner, Service, ServiceKind
from hearth.privacy.actions import record_audit
from hearth.scheduling import ServiceRules, Slot

from .errors import (
    CutoffPassed,
    InvalidBooking,
    LocationRequired,
    NotConfirmed,
    NotEligible,
    NotStartedYet,
    SlotTaken,
)
from .intake_links import open_intake
from .limits import check_upcoming_bookings
from .models import Booking, BookingStatus
from .notify import new_video_url, queue_booking_messages
from .queries import open_slots_for

TAKEN = "That time was just taken. Please choose another time."
KEY_SCOPE = "booking"  # the scope of bookings' request keys in core.IdempotencyKey


@dataclass(frozen=True)
class ClientDetails(ContactDetails):
    """The contact details, plus a phone number and a short message."""

    phone: str = ""
    message: str = ""

    def __post_init__(self):
        super().__post_init__()
        # Like the name, cleaned once here, whichever way the booking came in.
        object.__setattr__(self, "phone", clean_line(self.phone))
        object.__setattr__(self, "message", clean_lines(self.message))


@dataclass(frozen=True)
class BookingResult:
    booking: Booking
    created: bool  # False: an idempotent repeat returned the original


def _fingerprint(service: Service, start: dt.datetime, practitioner: str | None, client) -> str:
    return fingerprint_of(
        {
            "service": service.slug,
            "start": start.astimezone(dt.UTC).isoformat(),
            "practitioner": practitioner or "",
            **asdict(client),
        }
    )


def book_slot(
    *,
    service: Service,
    start: dt.datetime,
    client: ClientDetails,
    now: dt.datetime,
    practitioner_slug: str | None = None,
    idempotency_key: str | None = None,
) -> BookingResult:
    """Book `start` (aware) for the client, or raise a Refused subclass (bookings.errors).

    The same idempotency key with the same fields returns the original booking
    as it now stands; with other fields it raises IdempotencyMismatch.
    """
    fingerprint = _fingerprint(service, start, practitioner_slug, client)

    def write() -> Booking:
        booking = _insert_booking(service, start, client, now, practitioner_slug)
        record_audit(
            actor="client",
            action="booking.created",
            target=booking,
            service=service.slug,
            start=booking.start.isoformat(),
        )
        open_intake(booking=booking)
        queue_booking_messages(booking=booking, event="created", now=now)
        return booking

    try:
        booking, created = write_once(
            scope=KEY_SCOPE,
            key=idempotency_key,
            fingerprint=fingerprint,
            now=now,
            rows=Booking.objects,
            write=write,
        )
    except IntegrityError as error:
        # The exclusion constraint won (a concurrent claim of the same key is retried).
        raise SlotTaken(TAKEN, _alternatives(service, start, client, now)) from error
    return BookingResult(booking, created=created)


def _check_location(service: Service, location: str) -> None:
    if not location:
        if service.kind == ServiceKind.CLINICAL:
            raise LocationRequired("Please say where you will be during the session.")
        raise InvalidBooking("Please say where you will be during the session.")


def _offered_slot(
    service: Service,
    start: dt.datetime,
    client: ClientDetails,
    now: dt.datetime,
    practitioner_slug: str | None,
    exclude_booking_id: int | None = None,
    rules: ServiceRules | None = None,
) -> Slot | None:
    zone = ZoneInfo(client.timezone)
    day = start.astimezone(zone).date()
    result = open_slots_for(
        service=service,
        first=day,
        last=day,
        client_zone=zone,
        now=now,
        location=client.location,
        practitioner_slug=practitioner_slug,
        exclude_booking_id=exclude_booking_id,
        rules=rules,
    )
    if not result.location_covered:
        raise NotEligible(result.notice)
    return next((slot for slot in result.slots if slot.start == start), None)


def _lock_practitioners(service: Service, practitioner_slug: str | None) -> None:
    # Serialises bookings per practitioner on PostgreSQL so the buffer rule
    # (which the exclusion constraint cannot express) is re-checked without a race.
    queryset = service.practitioners.all()
    if practitioner_slug:
        queryset = queryset.filter(slug=practitioner_slug)
    list(
        Practitioner.objects.select_for_update()
        .filter(pk__in=queryset.values("pk"))
        .order_by("pk")
    )


def _insert_booking(
    service: Service,
    start: dt.datetime,
    client: ClientDetails,
    now: dt.datetime,
    practitioner_slug: str | None,
    rules: ServiceRules | None = None,
) -> Booking:
    _check_location(service, client.location)
    _lock_practitioners(service, practitioner_slug)
    if rules is None:  # the practice, booking for a client, is not held to a visitor's limit
        check_upcoming_bookings(service=service, email=client.email, now=now)
    slot = _offered_slot(service, start, client, now, practitioner_slug, rules=rules)
    if slot is None:
        raise SlotTaken(TAKEN, _alternatives(service, start, client, now))
    chosen = practitioner_slug or slot.practitioners[0]
    booking = Booking(
        service=service,
        practitioner=Practitioner.objects.get(slug=chosen),
        start=slot.start,
        end=slot.end,
        buffer_before_minutes=service.buffer_before_minutes,
        buffer_after_minutes=service.buffer_after_minutes,
        reference=new_reference(),
        **client.as_contact_fields(consent_at=now),
        client_phone=client.phone,
        message=client.message,
        video_url=new_video_url(Practice.load()),
    )
    with transaction.atomic():
        booking.save()
    return booking


def _alternatives(
    service: Service, start: dt.datetime, client: ClientDetails, now: dt.datetime, count: int = 3
) -> list[Slot]:
    """The free times nearest to the one asked for, within a week either side."""
    zone = ZoneInfo(client.timezone)
    day = start.astimezone(zone).date()
    try:
        slots = open_slots_for(
            service=service,
            first=day - dt.timedelta(days=3),
            last=day + dt.timedelta(days=7),
            client_zone=zone,
            now=now,
            location=client.location or None,
        ).slots
    except Exception:  # alternatives are a courtesy, never a failure
        return []
    return sorted(slots, key=lambda slot: abs(slot.start - start))[:count]


def cutoff_passed(booking: Booking, now: dt.datetime) -> bool:
    return now > booking.start - dt.timedelta(hours=booking.service.cancel_cutoff_hours)


def cancel_booking(
    *, booking: Booking, now: dt.datetime, actor: str = "client", note: str = ""
) -> Booking:
    """Cancel and free the time at once. Clients are held to the cutoff; the practice is not."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("service").get(pk=booking.pk)
        if booking.status == BookingStatus.CANCELLED:
            return booking
        if actor == "client" and cutoff_passed(booking, now):
            raise CutoffPassed(_cutoff_sentence(booking))
        booking.status = BookingStatus.CANCELLED
        booking.sequence += 1
        booking.save(update_fields=["status", "sequence", "updated_at"])
        record_audit(actor=actor, action="booking.cancelled", target=booking, with_note=bool(note))
        event = "cancelled" if actor == "client" else "cancelled_by_practice"
        queue_booking_messages(booking=booking, event=event, now=now, note=note)
    return booking


ATTENDANCE = (BookingStatus.COMPLETED, BookingStatus.NO_SHOW)


def mark_attendance(
    *, booking: Booking, status: BookingStatus, now: dt.datetime, actor: str
) -> Booking:
    """The practice marks a session that has started as completed or no-show (or changes
    its mind between the two). Raises NotStartedYet before the start and NotConfirmed for
    a cancelled booking; nothing changes then. No message goes to the client."""
    if status not in ATTENDANCE:
        raise InvalidBooking("A session is marked completed or no-show.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == BookingStatus.CANCELLED:
            raise NotConfirmed("This booking was cancelled, so it cannot be marked.")
        if now < booking.start:
            raise NotStartedYet(
                "This session has not started yet: mark it once its start time has passed."
            )
        if booking.status == status:
            return booking
        previous = booking.status
        booking.status = status
        booking.save(update_fields=["status", "updated_at"])
        record_audit(
            actor=actor, action=f"booking.{status}", target=booking, previous=str(previous)
        )
    return booking


def set_practice_note(*, booking: Booking, note: str, actor: str) -> Booking:
    """Replace the practice's private note. The audit keeps that it changed and its length,
    never its words."""
    note = note.strip()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.practice_note == note:
            return booking
        booking.practice_note = note
        booking.save(update_fields=["practice_note", "updated_at"])
        record_audit(
            actor=actor, action="booking.note_changed", target=booking, note_length=len(note)
        )
    return booking


def reschedule_booking(*, booking: Booking, new_start: dt.datetime, now: dt.datetime) -> Booking:
    """Move to another offered time: the new time is taken and the old freed together, or
    nothing changes."""
    try:
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update().select_related("service").get(pk=booking.pk)
            )
            if booking.status != BookingStatus.CONFIRMED:
                raise InvalidBooking("Only a confirmed booking can be moved.")
            if cutoff_passed(booking, now):
                raise CutoffPassed(_cutoff_sentence(booking))
            client = _client_of(booking)
            _lock_practitioners(booking.service, booking.practitioner.slug)
            slot = _offered_slot(
                booking.service,
                new_start,
                client,
                now,
                booking.practitioner.slug,
                exclude_booking_id=booking.pk,
            )
            if slot is None:
                raise SlotTaken(TAKEN, _alternatives(booking.service, new_start, client, now))
            _move_to(booking, slot, now=now, actor="client")
    except IntegrityError as error:
        raise SlotTaken(TAKEN) from error
    return booking


def _move_to(booking: Booking, slot: Slot, *, now: dt.datetime, actor: str, **audit) -> None:
    """Put a locked booking on `slot` with a new sequence and video room, audit it and tell
    the client (inside the caller's transaction)."""
    old_start = booking.start
    booking.start, booking.end = slot.start, slot.end
    booking.sequence += 1
    booking.video_url = new_video_url(Practice.load())  # a new room for a new time
    with transaction.atomic():
        booking.save(update_fields=["start", "end", "sequence", "video_url", "updated_at"])
    record_audit(
        actor=actor,
        action="booking.rescheduled",
        target=booking,
        old_start=old_start.isoformat(),
        start=slot.start.isoformat(),
        **audit,
    )
    queue_booking_messages(booking=booking, event="rescheduled", now=now)


def _client_of(booking: Booking) -> ClientDetails:
    return ClientDetails(
        name=booking.client_name,
        email=booking.client_email,
        phone=booking.client_phone,
        location=booking.location,
        timezone=booking.client_timezone,
    )


def _cutoff_sentence(booking: Booking) -> str:
    practice = Practice.load()
    contact = " or ".join(part for part in (practice.phone, practice.email) if part)
    hours = booking.service.cancel_cutoff_hours
    return (
        f"This booking can no longer be changed online (changes close {hours} hours before "
        f"the start). Please contact the practice{': ' + contact if contact else ''}."
    )
