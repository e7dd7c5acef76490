"""Why a booking request was refused: each carries a stable code, a status and a sentence."""


class BookingRefused(Exception):
    code = "invalid"
    status = 422

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidBooking(BookingRefused):
    pass


class LocationRequired(BookingRefused):
    code = "location_required"


class NotEligible(BookingRefused):
    code = "not_eligible"


class IdempotencyMismatch(BookingRefused):
    code = "idempotency_mismatch"


class SlotTaken(BookingRefused):
    code = "slot_taken"
    status = 409

    def __init__(self, detail: str, alternatives: list | None = None) -> None:
        super().__init__(detail)
        self.alternatives = alternatives or []


class CutoffPassed(BookingRefused):
    code = "cutoff_passed"
    status = 409


class RateLimited(BookingRefused):
    code = "rate_limited"
    status = 429
