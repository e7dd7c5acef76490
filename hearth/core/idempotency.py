"""Request keys that make a client's write safe to repeat: the first request with a key
writes its row; a repeat with the same fields gets that row back, with other fields a refusal.

One table for every scope (core.IdempotencyKey, unique per scope and key). The key is
claimed inside the write's transaction: on PostgreSQL a concurrent claim of the same key
waits for that transaction and then fails with IntegrityError; `write_once` then asks
again and is answered as the first request was.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction

from .errors import IdempotencyMismatch
from .models import IdempotencyKey

Row = TypeVar("Row", bound=models.Model)


def fingerprint_of(fields: dict) -> str:
    """SHA-256 of the request's fields (JSON with sorted keys): what a repeat must match."""
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def write_once(
    *,
    scope: str,
    key: str | None,
    fingerprint: str,
    now: dt.datetime,
    rows: "models.QuerySet[Row] | models.Manager[Row]",
    write: Callable[[], Row],
) -> tuple[Row, bool]:
    """(row, created): `write()` in one transaction with the claim of `key`, or the row an
    earlier request with this key made (created False). Without a key, simply `write()`.

    Raises IdempotencyMismatch (key used with other fields), whatever `write` raises, and
    IntegrityError from `write` unless a concurrent request with the same key won.
    """
    try:
        with transaction.atomic():
            if key:
                repeat = claim_key(
                    scope=scope, key=key, fingerprint=fingerprint, now=now, rows=rows
                )
                if repeat is not None:
                    return repeat, False
            row = write()
            if key:
                IdempotencyKey.objects.filter(scope=scope, key=key).update(target_id=row.pk)
            return row, True
    except IntegrityError:
        # A concurrent request with the same key committed first: answer as it did.
        if key and IdempotencyKey.objects.filter(scope=scope, key=key).exists():
            return write_once(
                scope=scope, key=key, fingerprint=fingerprint, now=now, rows=rows, write=write
            )
        raise


def claim_key(
    *,
    scope: str,
    key: str,
    fingerprint: str,
    now: dt.datetime,
    rows: "models.QuerySet[Row] | models.Manager[Row]",
) -> Row | None:
    """The row (from `rows`) an earlier request with this key made, or None after claiming it.

    Keys older than HEARTH_IDEMPOTENCY_HOURS are forgotten first. Raises IdempotencyMismatch
    when the key was used with other fields or its row is gone (the sentence names the
    scope, e.g. "booking").
    """
    expiry = now - dt.timedelta(hours=settings.HEARTH_IDEMPOTENCY_HOURS)
    IdempotencyKey.objects.filter(scope=scope, key=key, created_at__lt=expiry).delete()
    existing = IdempotencyKey.objects.filter(scope=scope, key=key).first()
    if existing is None:
        # On PostgreSQL a concurrent insert of the same key waits here for our commit.
        IdempotencyKey.objects.create(
            scope=scope, key=key, fingerprint=fingerprint, created_at=now
        )
        return None
    target = None
    if existing.fingerprint == fingerprint and existing.target_id is not None:
        target = rows.filter(pk=existing.target_id).first()
    if target is None:
        raise IdempotencyMismatch(
            f"This request key was already used for a different {scope}. "
            f"Reload the form to start a new {scope}."
        )
    return target
