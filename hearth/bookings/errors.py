"""Why a booking request was refused: each carries a stable code, a status and a sentence.

The refusals shared with other apps (NotEligible, IdempotencyMismatch, RateLimited)
are core's; they are named here too so a booking's refusals read from one place.
"""

from hearth.core.errors import IdempotencyMismatch, Invalid, NotEligible, RateLimited, Refused


class InvalidBooking(Invalid):
    pass


class LocationRequired(Refused):
    code = "location_required"


class SlotTaken(Refused):
    code = "slot_taken"
    status = 409

    def __init__(self, detail: str, alternatives: list | None = None) -> None:
        super().__init__(detail)
        self.alternatives = alternatives or []


class CutoffPassed(Refused):
    code = "cutoff_passed"
    status = 409


class TooManyUpcoming(Refused):
    """The email address already holds as many upcoming bookings of the service as allowed."""

    code = "too_many_upcoming"
    status = 409


class NotStartedYet(Refused):
    """Attendance (completed, no-show) is marked only once the start has passed."""

    code = "not_started"
    status = 409


class NotConfirmed(Refused):
    """The booking is cancelled (or already marked), so it cannot be changed this way."""

    code = "not_confirmed"
    status = 409


class CheckInClosed(Refused):
    """The location check-in is not open: too early, the session has started (for a
    change) or ended, or the booking is not confirmed."""

    code = "check_in_closed"
    status = 409


__all__ = [
    "CheckInClosed",
    "CutoffPassed",
    "IdempotencyMismatch",
    "InvalidBooking",
    "LocationRequired",
    "NotConfirmed",
    "NotEligible",
    "NotStartedYet",
    "RateLimited",
    "SlotTaken",
    "TooManyUpcoming",
]
