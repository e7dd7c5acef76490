"""Manage links of registrations: a keyed HMAC of the registration's id, and the absolute
address built from it."""

from django.conf import settings
from django.urls import reverse

from hearth.core.tokens import id_from_signed_token, signed_id_token

from .models import Registration

SALT = "hearth.workshops.manage-token"


def registration_token(registration_id: int) -> str:
    return signed_id_token(SALT, registration_id)


def registration_id_from_token(token: str) -> int | None:
    return id_from_signed_token(SALT, token)


def manage_url(registration: Registration) -> str:
    """The client's link to see, accept or cancel (HEARTH_SITE_URL + the route)."""
    token = registration_token(registration.pk)
    return f"{settings.HEARTH_SITE_URL}{reverse('workshops:manage', args=[token])}"
