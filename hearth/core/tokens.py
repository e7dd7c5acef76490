"""Unguessable links: a keyed HMAC of a row's id, so nothing secret is stored and a later
message can rebuild the link. Each kind of row has its own salt."""

import base64
import hmac

from django.utils.crypto import salted_hmac


def _mac(salt: str, row_id: int) -> str:
    digest = salted_hmac(salt, str(row_id), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def signed_id_token(salt: str, row_id: int) -> str:
    """`<id>.<43 characters>`: 256 bits of HMAC, unrelated to any public reference."""
    return f"{row_id}.{_mac(salt, row_id)}"


def id_from_signed_token(salt: str, token: str) -> int | None:
    """The id if the token is genuine for this salt (constant-time comparison), else None."""
    row_id, _, mac = token.partition(".")
    # isdigit() alone accepts digits int() refuses, such as "¹" (found by schemathesis).
    if not (row_id.isascii() and row_id.isdigit()) or len(row_id) > 18 or not mac:
        return None
    if not hmac.compare_digest(mac.encode(), _mac(salt, int(row_id)).encode()):
        return None
    return int(row_id)
