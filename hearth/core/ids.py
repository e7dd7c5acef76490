"""Public references people can read out on the phone."""

import secrets

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I


def new_reference(length: int = 8) -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))
