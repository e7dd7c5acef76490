"""The client's location check-in for a counseling session: one write, audited, telling the
practitioner when the client will be where they hold no valid license."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from hearth.core.jurisdictions import US_CODES
from hearth.core.text import clean_line, clean_lines
from hearth.privacy.actions import record_audit

from .checkins import Stage, licensed_for, stage_of
from .errors import CheckInClosed, InvalidBooking
from .models import Booking, SessionCheckIn
from .notify import queue_outside_licenses_notice


@dataclass(frozen=True)
class Location:
    """What the client confirms: the state (a code), the address where they are for the
    session and an emergency contact there. Names and phones are cleaned of control
    characters here, whichever way they came in."""

    state: str
    address: str
    emergency_name: str
    emergency_phone: str

    def __post_init__(self):
        object.__setattr__(self, "address", clean_lines(self.address))
        for name in ("emergency_name", "emergency_phone"):
            object.__setattr__(self, name, clean_line(getattr(self, name)))


def confirm_check_in(*, booking: Booking, location: Location, now: dt.datetime) -> SessionCheckIn:
    """Record (or change, until the start) where the client is for the session.

    Raises CheckInClosed outside the window (before it opens, after the start for a change,
    after the end, or for a booking that is not confirmed) and InvalidBooking for a service
    that needs no check-in or a state that is not a US one. A state outside the
    practitioner's valid licenses on the session's date is recorded with the flag, audited
    and sent to the practitioner (once per state)."""
    if location.state not in US_CODES:
        raise InvalidBooking("Please choose the state you are in.")
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update()
            .select_related("service", "practitioner")
            .get(pk=booking.pk)
        )
        if not booking.is_counseling:
            raise InvalidBooking("This booking needs no check-in.")
        previous = SessionCheckIn.objects.filter(booking=booking).first()
        stage = stage_of(booking, previous, now=now)
        if stage not in (Stage.OPEN, Stage.CONFIRMED):
            raise CheckInClosed(_closed_sentence(booking, stage))
        outside = not licensed_for(booking, location.state)
        check_in, _ = SessionCheckIn.objects.update_or_create(
            booking=booking,
            defaults={
                "state": location.state,
                "address": location.address,
                "emergency_name": location.emergency_name,
                "emergency_phone": location.emergency_phone,
                "outside_licenses": outside,
                "confirmed_at": now,
            },
        )
        action = "booking.checked_in_outside_licenses" if outside else "booking.checked_in"
        record_audit(actor="client", action=action, target=booking, changed=previous is not None)
        told_already = previous is not None and previous.outside_licenses
        if outside and not (told_already and previous.state == location.state):
            queue_outside_licenses_notice(booking=booking, state=location.state, now=now)
    return check_in


def _closed_sentence(booking: Booking, stage: Stage) -> str:
    if stage == Stage.NOT_YET:
        hours = settings.HEARTH_CHECKIN_OPENS_HOURS
        return f"Check-in opens {hours} hours before your session. Please come back then."
    if stage == Stage.LOCKED:
        return (
            "Your session has started, so your location can no longer be changed here. "
            "Please tell your counselor at the start of the session."
        )
    return "Check-in for this session is closed."
