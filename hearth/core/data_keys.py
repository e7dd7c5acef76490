"""The keys that encrypt clients' words at rest (HEARTH_DATA_KEYS), kept apart from SECRET_KEY.

Keys are Fernet keys (32 random bytes, url-safe base64), newest first. The newest encrypts;
every key listed decrypts, so a key can be added first, the data rotated under it
(`manage.py rotate_data_key`) and the old key removed once nothing is left under it.
They come from the environment (HEARTH_DATA_KEYS, comma-separated) or from a file
(HEARTH_DATA_KEYS_FILE, one key per line, `#` comments), which `make run` creates for the demo.
"""

import os
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .file_modes import OWNER_ONLY_FILE

KEY_FILE_HEADER = (
    "# Hearth's data keys, newest first. They encrypt clients' words in the database:\n"
    "# without them that data cannot be read. Back this file up apart from the database.\n"
)


def read_keys(*, value: str = "", path: Path | None = None) -> list[str]:
    """The keys given inline (comma- or space-separated) or, when none are, in the file."""
    if value.strip():
        keys = value.replace(",", " ").split()
    elif path is not None and path.exists():
        lines = path.read_text().splitlines()
        keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    else:
        keys = []
    for position, key in enumerate(keys, start=1):
        check_key(key, position=position)
    return keys


def check_key(key: str, *, position: int = 1) -> None:
    try:
        Fernet(key)
    except ValueError:
        raise ImproperlyConfigured(
            f"Data key {position} in HEARTH_DATA_KEYS is not a valid key (it must be 32 "
            "url-safe base64-encoded bytes). Make one with: manage.py data_key new"
        ) from None


def new_key() -> str:
    return Fernet.generate_key().decode()


def create_key_file(path: Path) -> bool:
    """Write a file holding one new key, readable by its owner only; False if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY_FILE)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w") as handle:
        handle.write(f"{KEY_FILE_HEADER}{new_key()}\n")
    return True


def add_key_to_file(path: Path) -> str:
    """Put a new key first in the file (the old ones still decrypt); returns it."""
    key = new_key()
    old = [line for line in path.read_text().splitlines() if line.strip()]
    body = [line for line in old if not line.startswith("#")]
    path.write_text(KEY_FILE_HEADER + "\n".join([key, *body]) + "\n")
    os.chmod(path, OWNER_ONLY_FILE)
    return key
