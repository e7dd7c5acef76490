"""Manage-link tokens of registrations: a keyed HMAC of the registration's id."""

from hearth.core.tokens import id_from_signed_token, signed_id_token

SALT = "hearth.workshops.manage-token"


def registration_token(registration_id: int) -> str:
    return signed_id_token(SALT, registration_id)


def registration_id_from_token(token: str) -> int | None:
    return id_from_signed_token(SALT, token)
