"""Fingerprints of the data keys (never the keys), and whether the keys in use read the
values stored in the database."""

import hashlib

from django.apps import apps

from hearth.core.encryption import EncryptedTextField, UnreadableValue

# A fixed label keeps the fingerprint from being a plain hash of the key: knowing it tells
# nothing about the key (256 random bits), it only says whether two keys are the same.
LABEL = b"hearth data key fingerprint v1:"


def key_fingerprints(keys) -> list[str]:
    """Short fingerprints of `keys`, in their order (newest first)."""
    return [hashlib.sha256(LABEL + key.encode()).hexdigest()[:16] for key in keys]


def one_stored_value_reads() -> bool | None:
    """True when the first encrypted value found decrypts with the keys in use, False when
    it does not, None when the database holds no encrypted value."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, EncryptedTextField):
                continue
            rows = model._default_manager.exclude(**{field.name: ""}).exclude(
                **{f"{field.name}__isnull": True}
            )
            try:
                value = rows.values_list(field.name, flat=True).first()
            except UnreadableValue:
                return False
            if value is not None:
                return True
    return None
