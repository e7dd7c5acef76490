"""PostgreSQL: make two overlapping active bookings of one practitioner impossible."""

from django.db import migrations

from hearth.core.migration_operations import PostgresOnlySQL

CONSTRAINT = "booking_no_overlap_per_practitioner"


class Migration(migrations.Migration):
    dependencies = [("bookings", "0002_idempotencykey")]

    operations = [
        PostgresOnlySQL(
            sql="CREATE EXTENSION IF NOT EXISTS btree_gist",
            reverse_sql=migrations.RunSQL.noop,
        ),
        PostgresOnlySQL(
            sql=(
                f"ALTER TABLE bookings_booking ADD CONSTRAINT {CONSTRAINT} "
                "EXCLUDE USING gist (practitioner_id WITH =, "
                "tstzrange(start, \"end\", '[)') WITH &&) "
                "WHERE (status <> 'cancelled')"
            ),
            reverse_sql=f"ALTER TABLE bookings_booking DROP CONSTRAINT {CONSTRAINT}",
        ),
    ]
