"""Manage links of bookings: a keyed HMAC of the booking's id (hearth.core.tokens), and the
absolute address built from it."""

from django.conf import settings
from django.urls import reverse

from hearth.core.tokens import id_from_signed_token, signed_id_token

from .models import Booking

SALT = "hearth.bookings.manage-token"


def manage_token(booking_id: int) -> str:
    """`<id>.<43 characters>`: 256 bits of HMAC, unrelated to the public reference."""
    return signed_id_token(SALT, booking_id)


def booking_id_from_token(token: str) -> int | None:
    """The booking id if the token is genuine (constant-time comparison), else None."""
    return id_from_signed_token(SALT, token)


def manage_url(booking: Booking) -> str:
    """The client's link to see, move or cancel the booking (HEARTH_SITE_URL + the route)."""
    token = manage_token(booking.pk)
    return f"{settings.HEARTH_SITE_URL}{reverse('bookings:manage', args=[token])}"
