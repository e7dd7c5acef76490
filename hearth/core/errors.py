"""Why a client's request was refused: one base type with a stable code, a status and a sentence.

Every app's refusals subclass `Refused`; the JSON API answers any of them as
`{"code": ..., "detail": ...}` with its status, and pages show the sentence.
"""


class Refused(Exception):
    """A request the practice will not carry out, said in a sentence for people."""

    code = "invalid"
    status = 422

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Invalid(Refused):
    """Malformed or impossible input."""


class NotFound(Refused):
    code = "not_found"
    status = 404


class NotEligible(Refused):
    """The client's location is not one the service or workshop covers."""

    code = "not_eligible"


class IdempotencyMismatch(Refused):
    """A request key reused with different fields."""

    code = "idempotency_mismatch"


class RateLimited(Refused):
    code = "rate_limited"
    status = 429
