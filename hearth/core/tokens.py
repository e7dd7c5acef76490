"""Unguessable links: a keyed HMAC of a row's id, so nothing secret is stored and a later
message can rebuild the link. Each kind of row has its own salt.

The id itself is carried masked by a keyed permutation (a four-round Feistel network over
64 bits with HMAC-SHA256 rounds, keyed by SECRET_KEY and the salt), so a link shows neither
the id nor how many rows came before it; the HMAC still decides whether a link is genuine.
"""

import base64
import hmac
import string

from django.utils.crypto import salted_hmac

ROUNDS = 4
HALF_BITS = 32
HALF_MASK = (1 << HALF_BITS) - 1
MASKED_LENGTH = 16  # hexadecimal digits of the masked 64-bit id
HEX_DIGITS = frozenset(string.hexdigits.lower())


def _mac(salt: str, row_id: int) -> str:
    digest = salted_hmac(salt, str(row_id), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _round(salt: str, number: int, half: int) -> int:
    digest = salted_hmac(f"{salt}.mask", f"{number}:{half}", algorithm="sha256").digest()
    return int.from_bytes(digest[:4], "big")


def _masked(salt: str, row_id: int) -> int:
    left, right = row_id >> HALF_BITS, row_id & HALF_MASK
    for number in range(ROUNDS):
        left, right = right, left ^ _round(salt, number, right)
    return (left << HALF_BITS) | right


def _unmasked(salt: str, masked: int) -> int:
    left, right = masked >> HALF_BITS, masked & HALF_MASK
    for number in reversed(range(ROUNDS)):
        left, right = right ^ _round(salt, number, left), left
    return (left << HALF_BITS) | right


def signed_id_token(salt: str, row_id: int) -> str:
    """`<16 hex digits>.<43 characters>`: the masked id, and 256 bits of HMAC of the id."""
    return f"{_masked(salt, row_id):016x}.{_mac(salt, row_id)}"


def id_from_signed_token(salt: str, token: str) -> int | None:
    """The id if the token is genuine for this salt (constant-time comparison), else None."""
    masked, _, mac = token.partition(".")
    # Only ASCII hex digits: int() would also read other scripts' digits (found by schemathesis).
    if len(masked) != MASKED_LENGTH or not set(masked) <= HEX_DIGITS or not mac:
        return None
    row_id = _unmasked(salt, int(masked, 16))
    if not hmac.compare_digest(mac.encode(), _mac(salt, row_id).encode()):
        return None
    return row_id
