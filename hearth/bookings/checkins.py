"""Reads of the per-session location check-in of counseling bookings: when it is open, what
the manage page says about it, the last answers to prefill, and whether a state is covered.

Times are aware UTC; the window opens HEARTH_CHECKIN_OPENS_HOURS before the start, answers
can be changed until the start, and an unanswered check-in stays open until the end.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.conf import settings

from hearth.practice.eligibility import is_eligible
from hearth.practice.queries import license_spans

from .models import Booking, BookingStatus, SessionCheckIn


class Stage(StrEnum):
    NOT_YET = "not_yet"  # the window has not opened
    OPEN = "open"  # can be confirmed (or changed) now
    CONFIRMED = "confirmed"  # confirmed; changeable until the start
    LOCKED = "locked"  # confirmed and the session has started: no more changes
    CLOSED = "closed"  # the session ended (or the booking is not confirmed)


@dataclass(frozen=True)
class CheckInCard:
    """What the manage page shows about the check-in."""

    stage: Stage
    opens_at: dt.datetime
    check_in: SessionCheckIn | None

    @property
    def can_confirm(self) -> bool:
        return self.stage in (Stage.OPEN, Stage.CONFIRMED)


def opens_at(booking: Booking) -> dt.datetime:
    return booking.start - dt.timedelta(hours=settings.HEARTH_CHECKIN_OPENS_HOURS)


def check_in_of(booking: Booking) -> SessionCheckIn | None:
    return SessionCheckIn.objects.filter(booking=booking).first()


def card_for(booking: Booking, *, now: dt.datetime) -> CheckInCard | None:
    """None for bookings that need no check-in."""
    if not booking.is_counseling:
        return None
    check_in = check_in_of(booking)
    return CheckInCard(stage_of(booking, check_in, now=now), opens_at(booking), check_in)


def stage_of(booking: Booking, check_in: SessionCheckIn | None, *, now: dt.datetime) -> Stage:
    if booking.status != BookingStatus.CONFIRMED or now >= booking.end:
        return Stage.CLOSED
    if now < opens_at(booking):
        return Stage.NOT_YET
    if check_in is None:
        return Stage.OPEN
    return Stage.CONFIRMED if now < booking.start else Stage.LOCKED


def previous_answers(booking: Booking) -> dict[str, str]:
    """The booking's own check-in, else the same client's (by email) last check-in with
    the same practitioner: the form's initial values. Empty when there is none."""
    check_in = check_in_of(booking) or (
        SessionCheckIn.objects.filter(
            booking__practitioner_id=booking.practitioner_id,
            booking__client_email__iexact=booking.client_email,
        )
        .order_by("-confirmed_at", "-pk")
        .first()
    )
    if check_in is None:
        return {}
    return {
        "state": check_in.state,
        "address": check_in.address,
        "emergency_name": check_in.emergency_name,
        "emergency_phone": check_in.emergency_phone,
    }


def session_date(booking: Booking) -> dt.date:
    """The session's date in the practitioner's zone: the date licenses are read on."""
    return booking.start.astimezone(ZoneInfo(booking.practitioner.timezone)).date()


def licensed_for(booking: Booking, state: str) -> bool:
    """May the session go ahead with the client in `state`? The eligibility rule itself
    (a license valid on the session's date, and the service's own list of states)."""
    return is_eligible(
        policy=booking.service.policy,
        licenses=license_spans(booking.practitioner),
        location=state,
        on=session_date(booking),
    )
