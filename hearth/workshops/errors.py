"""Why a registration request was refused: a stable code, a status and a sentence.

Subclasses of the bookings' refusals, so the API and pages treat both alike.
"""

from hearth.bookings.errors import BookingRefused, IdempotencyMismatch, InvalidBooking, NotEligible

RegistrationRefused = BookingRefused


class InvalidRegistration(InvalidBooking):
    pass


class RegistrationNotEligible(NotEligible):
    pass


class RegistrationClosed(BookingRefused):
    code = "closed"
    status = 409


__all__ = [
    "IdempotencyMismatch",
    "InvalidRegistration",
    "RegistrationClosed",
    "RegistrationNotEligible",
    "RegistrationRefused",
]
