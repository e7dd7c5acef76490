"""Manage-link tokens: a keyed HMAC of the booking's id, so nothing secret is stored and a
later reminder can rebuild the link."""

import base64
import hmac

from django.utils.crypto import salted_hmac

SALT = "hearth.bookings.manage-token"


def _mac(booking_id: int) -> str:
    digest = salted_hmac(SALT, str(booking_id), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def manage_token(booking_id: int) -> str:
    """`<id>.<43 characters>`: 256 bits of HMAC, unrelated to the public reference."""
    return f"{booking_id}.{_mac(booking_id)}"


def booking_id_from_token(token: str) -> int | None:
    """The booking id if the token is genuine (constant-time comparison), else None."""
    booking_id, _, mac = token.partition(".")
    # isdigit() alone accepts digits int() refuses, such as "¹" (found by schemathesis).
    if not (booking_id.isascii() and booking_id.isdigit()) or len(booking_id) > 18 or not mac:
        return None
    if not hmac.compare_digest(mac.encode(), _mac(int(booking_id)).encode()):
        return None
    return int(booking_id)
