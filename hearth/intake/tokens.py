"""Intake links: a keyed HMAC of the packet's id (hearth.core.tokens), secret as a manage link."""

from hearth.core.tokens import id_from_signed_token, signed_id_token

SALT = "hearth.intake.packet-token"


def packet_token(packet_id: int) -> str:
    return signed_id_token(SALT, packet_id)


def packet_id_from_token(token: str) -> int | None:
    """The packet id if the token is genuine (constant-time comparison), else None."""
    return id_from_signed_token(SALT, token)
