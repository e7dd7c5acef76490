"""Re-encrypting every encrypted value under the newest data key, in small committed steps.

Each value is replaced on its own (compare-and-set on the stored token), so a rotation that
is stopped halfway leaves every value readable under the key list it ran with, and running
it again finishes the job. Rows' other fields, `updated_at` included, are not touched.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from .encryption import EncryptedTextField, reencrypt, under_newest_key


@dataclass
class RotationCount:
    rotated: int = 0
    already_current: int = 0


def encrypted_columns() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField) and field.concrete
    ]


def _raw_tokens(model: type[models.Model], field: str, *, after, limit: int):
    """(pk, stored token) pairs as the database holds them, without decrypting."""
    return list(
        model._base_manager.annotate(_token=Cast(field, models.TextField()))
        .exclude(_token="")
        .filter(_token__isnull=False, pk__gt=after)
        .order_by("pk")
        .values_list("pk", "_token")[:limit]
    )


def rotate_column(
    model: type[models.Model], field: str, *, batch_size: int = 200, stop_after: int | None = None
) -> RotationCount:
    """Re-encrypt one column; `stop_after` rotates at most that many values (for tests)."""
    count = RotationCount()
    after = 0
    while True:
        batch = _raw_tokens(model, field, after=after, limit=batch_size)
        if not batch:
            return count
        for pk, token in batch:
            after = pk
            if under_newest_key(token):
                count.already_current += 1
                continue
            if stop_after is not None and count.rotated >= stop_after:
                return count
            with transaction.atomic():
                model._base_manager.annotate(_token=Cast(field, models.TextField())).filter(
                    pk=pk, _token=token
                ).update(**{field: models.Value(reencrypt(token), models.TextField())})
            count.rotated += 1


def rotate_everything(*, stop_after: int | None = None) -> dict[str, RotationCount]:
    return {
        f"{model._meta.label}.{field}": rotate_column(model, field, stop_after=stop_after)
        for model, field in encrypted_columns()
    }


def values_under_older_keys() -> int:
    return sum(
        not under_newest_key(token)
        for model, field in encrypted_columns()
        for _pk, token in _raw_tokens(model, field, after=0, limit=10**9)
    )
