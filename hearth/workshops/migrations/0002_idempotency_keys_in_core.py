# Registrations' request keys move to core.IdempotencyKey (scope "registration"); no stored
# key is lost.

from django.db import migrations

SCOPE = "registration"


def copy_keys_to_core(apps, schema_editor):
    old = apps.get_model("workshops", "RegistrationKey")
    new = apps.get_model("core", "IdempotencyKey")
    new.objects.bulk_create(
        new(scope=SCOPE, key=row.key, fingerprint=row.fingerprint,
            target_id=row.registration_id, created_at=row.created_at)
        for row in old.objects.iterator()
    )


def copy_keys_back(apps, schema_editor):
    old = apps.get_model("workshops", "RegistrationKey")
    new = apps.get_model("core", "IdempotencyKey")
    registration_ids = set(
        apps.get_model("workshops", "Registration").objects.values_list("pk", flat=True)
    )
    old.objects.bulk_create(
        old(key=row.key, fingerprint=row.fingerprint, created_at=row.created_at,
            registration_id=row.target_id if row.target_id in registration_ids else None)
        for row in new.objects.filter(scope=SCOPE).iterator()
    )
    new.objects.filter(scope=SCOPE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0001_initial"),
        ("core", "0002_idempotency_key"),
    ]

    operations = [
        migrations.RunPython(copy_keys_to_core, copy_keys_back),
        migrations.DeleteModel(name="RegistrationKey"),
    ]
