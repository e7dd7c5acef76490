"""Encryption at rest: a text field whose values are Fernet tokens in the database.

The cipher is the `cryptography` package's MultiFernet (AES-128-CBC with HMAC-SHA256) over
HEARTH_DATA_KEYS (see data_keys.py). An empty value stays empty, so "no message" needs no
key; anything else is encrypted under the newest key on every write.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact, IsNull


class MissingDataKey(ImproperlyConfigured):
    pass


class UnreadableValue(Exception):
    """A stored value that none of the keys decrypts (a key was removed too early)."""


def _keys() -> tuple[str, ...]:
    keys = tuple(getattr(settings, "HEARTH_DATA_KEYS", ()) or ())
    if not keys:
        raise MissingDataKey(
            "No data key: HEARTH_DATA_KEYS (or HEARTH_DATA_KEYS_FILE) is empty, so clients' "
            "words cannot be encrypted or read. For a trial, `make run` makes one in var/; "
            "for a real install see the README, section 'Data keys'."
        )
    return keys


@lru_cache(maxsize=8)
def _cipher(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    fernets = [Fernet(key) for key in keys]
    return MultiFernet(fernets), fernets[0]


def encrypt(text: str) -> str:
    return _cipher(_keys())[0].encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _cipher(_keys())[0].decrypt(token.encode()).decode()
    except InvalidToken:
        raise UnreadableValue(
            "A stored value cannot be decrypted with any key in HEARTH_DATA_KEYS: was a key "
            "removed before `manage.py rotate_data_key` finished?"
        ) from None


def under_newest_key(token: str) -> bool:
    try:
        _cipher(_keys())[1].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def reencrypt(token: str) -> str:
    """The same value encrypted under the newest key."""
    try:
        return _cipher(_keys())[0].rotate(token.encode()).decode()
    except InvalidToken:
        raise UnreadableValue("A stored value cannot be decrypted with any data key.") from None


class _EmptyOnlyExact(Exact):
    """Tokens differ on every write: the only equality that means anything is with ''."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError("An encrypted field can only be compared with '' (empty).")
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Text stored encrypted. max_length, if given, limits what forms accept (not the column).
    It cannot be searched, ordered on meaningfully or compared with anything but ''."""

    description = "Text, encrypted at rest"

    def get_lookup(self, lookup_name):
        return {"exact": _EmptyOnlyExact, "isnull": IsNull}.get(lookup_name)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)
