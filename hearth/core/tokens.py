"""Unguessable links: a keyed HMAC of a row's id, so nothing secret is stored and a later
message can rebuild the link. Each kind of row has its own salt.

The id itself is carried encrypted: one AES block (the `cryptography` package) under a key
derived from SECRET_KEY and the salt, so a link shows neither the id nor how many rows came
before it; the HMAC still decides whether a link is genuine. Links of the earlier form,
`<id>.<HMAC>`, already in clients' inboxes, keep working.
"""

import base64
import binascii
import hmac

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.utils.crypto import salted_hmac

MASKED_LENGTH = 22  # base64url characters of one 16-byte block
LEGACY_DIGITS = 18  # the longest plain id the earlier form carried


def _mac(salt: str, row_id: int) -> str:
    digest = salted_hmac(salt, str(row_id), algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _block_cipher(salt: str) -> Cipher:
    key = salted_hmac(f"{salt}.mask", "aes-256 key of the id", algorithm="sha256").digest()
    # One block, one id: ECB of a single block is the AES permutation itself.
    return Cipher(algorithms.AES(key), modes.ECB())  # noqa: S305


def _masked(salt: str, row_id: int) -> str:
    encryptor = _block_cipher(salt).encryptor()
    block = encryptor.update(row_id.to_bytes(16, "big")) + encryptor.finalize()
    return base64.urlsafe_b64encode(block).rstrip(b"=").decode()


def _unmasked(salt: str, masked: str) -> int | None:
    try:
        block = base64.urlsafe_b64decode(masked + "==")
    except (binascii.Error, ValueError):
        return None
    if len(block) != 16 or _masked_text(block) != masked:
        return None
    decryptor = _block_cipher(salt).decryptor()
    row_id = int.from_bytes(decryptor.update(block) + decryptor.finalize(), "big")
    return row_id if row_id < 2**63 else None


def _masked_text(block: bytes) -> str:
    return base64.urlsafe_b64encode(block).rstrip(b"=").decode()


def signed_id_token(salt: str, row_id: int) -> str:
    """`<22 characters>.<43 characters>`: the encrypted id, and 256 bits of HMAC of the id."""
    return f"{_masked(salt, row_id)}.{_mac(salt, row_id)}"


def id_from_signed_token(salt: str, token: str) -> int | None:
    """The id if the token is genuine for this salt (constant-time comparison), else None."""
    carried, _, mac = token.partition(".")
    if not mac or not carried.isascii():
        return None
    if carried.isdigit() and len(carried) <= LEGACY_DIGITS and carried == str(int(carried)):
        row_id: int | None = int(carried)  # the earlier form: the id in plain
    elif len(carried) == MASKED_LENGTH:
        row_id = _unmasked(salt, carried)
    else:
        return None
    if row_id is None or not hmac.compare_digest(mac.encode(), _mac(salt, row_id).encode()):
        return None
    return row_id
