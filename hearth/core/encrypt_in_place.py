"""A migration step that encrypts the values already stored in columns that become encrypted
(and decrypts them again when the migration is reversed)."""

from django.db import migrations, models
from django.db.models.functions import Cast

from . import encryption


def _is_token(value: str) -> bool:
    try:
        encryption.decrypt(value)
    except encryption.UnreadableValue:
        return False
    return True


def _convert(model, fields: tuple[str, ...], *, to_tokens: bool) -> None:
    for field in fields:
        rows = (
            model._base_manager.annotate(_raw=Cast(field, models.TextField()))
            .exclude(_raw="")
            .filter(_raw__isnull=False)
            .values_list("pk", "_raw")
        )
        for pk, raw in list(rows):
            if to_tokens == _is_token(raw):
                continue
            new = encryption.encrypt(raw) if to_tokens else encryption.decrypt(raw)
            model._base_manager.filter(pk=pk).update(
                **{field: models.Value(new, models.TextField())}
            )


def encrypt_in_place(app_label: str, model_name: str, *fields: str) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        _convert(apps.get_model(app_label, model_name), fields, to_tokens=True)

    def backwards(apps, schema_editor):
        _convert(apps.get_model(app_label, model_name), fields, to_tokens=False)

    return migrations.RunPython(forwards, backwards)
