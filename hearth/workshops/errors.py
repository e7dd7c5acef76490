"""Why a registration request was refused: a stable code, a status and a sentence.

Subclasses of core's refusals, so the API and pages treat them like any other.
"""

from hearth.core.errors import IdempotencyMismatch, Invalid, NotEligible, Refused


class InvalidRegistration(Invalid):
    pass


class RegistrationNotEligible(NotEligible):
    pass


class RegistrationClosed(Refused):
    code = "closed"
    status = 409


class AlreadyRegistered(Refused):
    code = "already_registered"
    status = 409


__all__ = [
    "AlreadyRegistered",
    "IdempotencyMismatch",
    "InvalidRegistration",
    "RegistrationClosed",
    "RegistrationNotEligible",
]
