"""manage.py rotate_data_key: re-encrypt every encrypted value under the newest data key."""

from django.core.management.base import BaseCommand

from hearth.core.key_rotation import rotate_everything, values_under_older_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt clients' encrypted data under the first key in HEARTH_DATA_KEYS. Safe to "
        "stop and run again. Remove an old key only once this reports nothing left under it."
    )

    def handle(self, *args, **options):
        total = 0
        for column, count in rotate_everything().items():
            total += count.rotated
            self.stdout.write(
                f"{column}: {count.rotated} re-encrypted, {count.already_current} already current"
            )
        left = values_under_older_keys()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {total} values re-encrypted; {left} still under an older key. "
                + ("Older keys can now be removed." if left == 0 else "Run this again.")
            )
        )
