"""Writes for workshops: register, cancel, accept or lapse an offer, cancel a workshop.

Each write locks the workshop's row first (PostgreSQL: SELECT ... FOR UPDATE;
SQLite: the IMMEDIATE transaction serialises writers), so registrations take
numbers, seats and waitlist places in commit order. The seat counter moves
only by a conditional UPDATE, and a check constraint refuses any count above
the capacity.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import F

from hearth.core.contact import ContactDetails
from hearth.core.idempotency import fingerprint_of, write_once
from hearth.core.ids import new_reference
from hearth.privacy.actions import record_audit

from . import notify
from .errors import (
    AlreadyRegistered,
    InvalidRegistration,
    RegistrationClosed,
    RegistrationNotEligible,
)
from .models import (
    HOLDING_A_SEAT,
    TAKING_REGISTRATIONS,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)
from .queries import is_eligible_for, waitlist_position, where_workshop_offered

CLOSED = "Registration for this workshop is closed."
KEY_SCOPE = "registration"  # the scope of registrations' request keys in core.IdempotencyKey


@dataclass(frozen=True)
class Attendee(ContactDetails):
    """Someone registering: the contact details and nothing more."""


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool  # False: an idempotent repeat returned the original
    position: int | None  # place on the waitlist, None when holding a seat


def _fingerprint(workshop: Workshop, attendee: Attendee) -> str:
    return fingerprint_of({"workshop": workshop.slug, **asdict(attendee)})


def register(
    *,
    workshop: Workshop,
    attendee: Attendee,
    now: dt.datetime,
    idempotency_key: str | None = None,
    tell_practitioner: bool = True,
) -> RegistrationResult:
    """Take a seat if one is free and nobody is waiting, else a place on the waitlist.
    The practitioner is told (unless `tell_practitioner` is False: the demo's set-up).

    Raises RegistrationClosed (status, deadline), RegistrationNotEligible (location),
    InvalidRegistration or IdempotencyMismatch. The same key with the same fields
    returns the original registration as it now stands.
    """
    registration, created = write_once(
        scope=KEY_SCOPE,
        key=idempotency_key,
        fingerprint=_fingerprint(workshop, attendee),
        now=now,
        rows=Registration.objects,
        write=lambda: _insert_registration(workshop, attendee, now, tell_practitioner),
    )
    return RegistrationResult(registration, created, waitlist_position(registration))


def _check_open(workshop: Workshop, now: dt.datetime) -> None:
    if workshop.status not in TAKING_REGISTRATIONS:
        raise RegistrationClosed(CLOSED)
    if now > workshop.registration_deadline:
        raise RegistrationClosed(f"{CLOSED} The deadline has passed.")


def _lock(workshop: Workshop) -> Workshop:
    return Workshop.objects.select_for_update().select_related("practitioner").get(pk=workshop.pk)


def _insert_registration(
    workshop: Workshop, attendee: Attendee, now: dt.datetime, tell_practitioner: bool = True
) -> Registration:
    if not attendee.location:
        raise InvalidRegistration("Please say where you will be during the sessions.")
    _check_open(workshop, now)
    if not is_eligible_for(workshop, attendee.location):
        raise RegistrationNotEligible(where_workshop_offered(workshop))
    locked = _lock(workshop)
    _check_open(locked, now)
    already = Registration.objects.filter(
        workshop=locked, client_email__iexact=attendee.email
    ).exclude(status=RegistrationStatus.CANCELLED)
    if already.exists():
        raise AlreadyRegistered(
            "This email address is already registered for this workshop; the email we sent "
            "has the link to see or cancel that registration."
        )
    _lapse_expired_offers(locked, now)
    number = locked.registrations_made + 1
    Workshop.objects.filter(pk=locked.pk).update(registrations_made=F("registrations_made") + 1)
    someone_waiting = Registration.objects.filter(
        workshop=locked, status=RegistrationStatus.WAITLISTED
    ).exists()
    seated = locked.status == WorkshopStatus.OPEN and not someone_waiting and _take_seat(locked)
    registration = Registration.objects.create(
        workshop=locked,
        number=number,
        status=RegistrationStatus.CONFIRMED if seated else RegistrationStatus.WAITLISTED,
        reference=new_reference(),
        **attendee.as_contact_fields(consent_at=now),
    )
    record_audit(
        actor="client",
        action="registration.created",
        target=registration,
        workshop=locked.slug,
        status=registration.status,
    )
    notify.registration_changed(registration, "confirmed" if seated else "waitlisted", now=now)
    if tell_practitioner:
        notify.tell_practitioner(registration, "confirmed" if seated else "waitlisted", now=now)
    return registration


def _take_seat(workshop: Workshop) -> bool:
    """The conditional update: one more seat only while the count is below the capacity."""
    return bool(
        Workshop.objects.filter(pk=workshop.pk, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1
        )
    )


def _free_seat(workshop: Workshop) -> None:
    Workshop.objects.filter(pk=workshop.pk, seats_taken__gt=0).update(
        seats_taken=F("seats_taken") - 1
    )


def has_started(workshop: Workshop, now: dt.datetime) -> bool:
    first = workshop.sessions.order_by("start").first()
    return first is not None and now >= first.start


def _fill_free_seats(workshop: Workshop, now: dt.datetime) -> list[Registration]:
    """Give free seats to the waitlist, first come first served (inside the caller's lock).

    With `offer_hold_hours` the seat is held as an offer until it lapses.
    """
    if workshop.status not in (*TAKING_REGISTRATIONS, WorkshopStatus.CLOSED):
        return []
    if has_started(workshop, now):
        return []
    promoted = []
    waiting = Registration.objects.filter(
        workshop=workshop, status=RegistrationStatus.WAITLISTED
    ).order_by("number")
    for registration in waiting:
        if not _take_seat(workshop):
            break
        if workshop.offer_hold_hours:
            registration.status = RegistrationStatus.OFFERED
            registration.offer_expires_at = now + dt.timedelta(hours=workshop.offer_hold_hours)
        else:
            registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(
            update_fields=["status", "offer_expires_at", "promoted_at", "updated_at"]
        )
        record_audit(
            actor="system",
            action="registration.promoted",
            target=registration,
            workshop=workshop.slug,
            status=registration.status,
        )
        notify.registration_changed(registration, "promoted", now=now)
        promoted.append(registration)
    if promoted and workshop.offer_hold_hours:
        notify.offers_made(workshop, promoted[-1].offer_expires_at)
    return promoted


def _lapse_expired_offers(workshop: Workshop, now: dt.datetime) -> int:
    """Offers past their time give their seat back and it passes to the next in line."""
    expired = list(
        Registration.objects.select_for_update().filter(
            workshop=workshop, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
        )
    )
    for registration in expired:
        registration.status = RegistrationStatus.CANCELLED
        registration.offer_expires_at = None
        registration.cancelled_at = now
        registration.save(
            update_fields=["status", "offer_expires_at", "cancelled_at", "updated_at"]
        )
        _free_seat(workshop)
        record_audit(
            actor="system",
            action="registration.offer_lapsed",
            target=registration,
            workshop=workshop.slug,
        )
    if expired:
        _fill_free_seats(workshop, now)
    return len(expired)


def lapse_expired_offers(*, now: dt.datetime) -> int:
    """Sweep every workshop with an expired offer (run by a task or `manage.py
    lapse_workshop_offers`); returns how many offers lapsed."""
    workshop_ids = (
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .values_list("workshop_id", flat=True)
        .distinct()
    )
    lapsed = 0
    for workshop in Workshop.objects.filter(pk__in=list(workshop_ids)).order_by("pk"):
        with transaction.atomic():
            lapsed += _lapse_expired_offers(_lock(workshop), now)
    return lapsed


def _lock_registration(registration: Registration) -> tuple[Workshop, Registration]:
    # Always the workshop first, then the registration: one lock order, no deadlocks.
    workshop = _lock(registration.workshop)
    return workshop, Registration.objects.select_for_update().get(pk=registration.pk)


def cancel_registration(
    *, registration: Registration, now: dt.datetime, actor: str = "client"
) -> Registration:
    """Cancel; a freed seat goes to the first on the waitlist in the same transaction.

    Clients can cancel until the first session starts (RegistrationClosed after).
    """
    with transaction.atomic():
        workshop, registration = _lock_registration(registration)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        if actor == "client" and has_started(workshop, now):
            raise RegistrationClosed(
                "The workshop has started, so this registration can no longer be changed "
                "online. Please contact the practice."
            )
        held_seat = registration.status in HOLDING_A_SEAT
        registration.status = RegistrationStatus.CANCELLED
        registration.offer_expires_at = None
        registration.cancelled_at = now
        registration.save(
            update_fields=["status", "offer_expires_at", "cancelled_at", "updated_at"]
        )
        record_audit(
            actor=actor,
            action="registration.cancelled",
            target=registration,
            workshop=workshop.slug,
        )
        notify.registration_changed(registration, "cancelled", now=now)
        if held_seat:
            _free_seat(workshop)
            _fill_free_seats(workshop, now)
        notify.tell_practitioner(registration, "cancelled", now=now)
    return registration


def accept_offer(*, registration: Registration, now: dt.datetime) -> Registration:
    """Take the seat an offer holds; RegistrationClosed when the offer has lapsed."""
    with transaction.atomic():
        workshop, registration = _lock_registration(registration)
        _lapse_expired_offers(workshop, now)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if registration.status != RegistrationStatus.OFFERED:
            raise RegistrationClosed(
                "This offer has lapsed and the seat went to the next person waiting."
            )
        registration.status = RegistrationStatus.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        record_audit(
            actor="client",
            action="registration.accepted",
            target=registration,
            workshop=workshop.slug,
        )
        notify.registration_changed(registration, "confirmed", now=now)
    return registration


def fill_free_seats(*, workshop: Workshop, now: dt.datetime) -> list[Registration]:
    """After the practitioner raises the capacity: seats go to the waitlist in order."""
    with transaction.atomic():
        return _fill_free_seats(_lock(workshop), now)


def cancel_workshop(*, workshop: Workshop, now: dt.datetime, actor: str) -> int:
    """Cancel the workshop and every registration; everyone is told. Returns how many."""
    with transaction.atomic():
        workshop = _lock(workshop)
        workshop.status = WorkshopStatus.CANCELLED
        workshop.seats_taken = 0
        workshop.save(update_fields=["status", "seats_taken", "updated_at"])
        affected = list(
            Registration.objects.select_for_update()
            .filter(workshop=workshop)
            .exclude(status=RegistrationStatus.CANCELLED)
        )
        for registration in affected:
            registration.status = RegistrationStatus.CANCELLED
            registration.offer_expires_at = None
            registration.cancelled_at = now
            registration.save(
                update_fields=["status", "offer_expires_at", "cancelled_at", "updated_at"]
            )
            notify.registration_changed(registration, "workshop_cancelled", now=now)
        record_audit(
            actor=actor, action="workshop.cancelled", target=workshop, registrations=len(affected)
        )
    return len(affected)


def message_attendees(
    *,
    workshop: Workshop,
    subject: str,
    body: str,
    actor: str,
    include_waitlist: bool,
    now: dt.datetime,
) -> int:
    """The practitioner's message to everyone holding a seat (and, if asked, the waitlist)."""
    statuses = [*HOLDING_A_SEAT] + ([RegistrationStatus.WAITLISTED] if include_waitlist else [])
    with transaction.atomic():
        recipients = list(
            Registration.objects.filter(workshop=workshop, status__in=statuses).order_by("number")
        )
        for registration in recipients:
            notify.practitioner_message(registration, subject=subject, body=body, now=now)
        record_audit(
            actor=actor, action="workshop.messaged", target=workshop, recipients=len(recipients)
        )
    return len(recipients)
