# Bookings' request keys move to core.IdempotencyKey (scope "booking"); no stored key is lost.

from django.db import migrations

SCOPE = "booking"


def copy_keys_to_core(apps, schema_editor):
    old = apps.get_model("bookings", "IdempotencyKey")
    new = apps.get_model("core", "IdempotencyKey")
    new.objects.bulk_create(
        new(scope=SCOPE, key=row.key, fingerprint=row.fingerprint, target_id=row.booking_id,
            created_at=row.created_at)
        for row in old.objects.iterator()
    )


def copy_keys_back(apps, schema_editor):
    old = apps.get_model("bookings", "IdempotencyKey")
    new = apps.get_model("core", "IdempotencyKey")
    booking_ids = set(apps.get_model("bookings", "Booking").objects.values_list("pk", flat=True))
    old.objects.bulk_create(
        old(key=row.key, fingerprint=row.fingerprint, created_at=row.created_at,
            booking_id=row.target_id if row.target_id in booking_ids else None)
        for row in new.objects.filter(scope=SCOPE).iterator()
    )
    new.objects.filter(scope=SCOPE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0004_sequence_and_video_url"),
        ("core", "0002_idempotency_key"),
    ]

    operations = [
        migrations.RunPython(copy_keys_to_core, copy_keys_back),
        migrations.DeleteModel(name="IdempotencyKey"),
    ]
