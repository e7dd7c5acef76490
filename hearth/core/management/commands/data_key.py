"""manage.py data_key create|new|add|status: make and inspect the keys of HEARTH_DATA_KEYS."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hearth.core.data_keys import add_key_to_file, create_key_file, new_key


class Command(BaseCommand):
    help = (
        "create: write a key file (HEARTH_DATA_KEYS_FILE) if there is none; "
        "new: print a new key; add: put a new key first in the key file; "
        "status: how many keys are set."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "new", "add", "status"])

    def handle(self, *args, action: str, **options):
        path = getattr(settings, "HEARTH_DATA_KEYS_FILE", None)
        if action == "new":
            self.stdout.write(new_key())
            return
        if action == "status":
            keys = settings.HEARTH_DATA_KEYS
            self.stdout.write(f"{len(keys)} data key(s) set" + (f", from {path}" if path else ""))
            return
        if path is None and action == "create" and settings.HEARTH_DATA_KEYS:
            return  # keys are given inline
        if path is None:
            raise CommandError(
                "HEARTH_DATA_KEYS_FILE is not set: keys come from HEARTH_DATA_KEYS. "
                "Use `data_key new` and put the key first in HEARTH_DATA_KEYS."
            )
        path = Path(path)
        if action == "create":
            if create_key_file(path):
                self.stdout.write(
                    f"Made a data key in {path} (readable by you only). Keep a copy of it "
                    "apart from the database: without it, encrypted data cannot be read."
                )
            return
        if not path.exists():
            raise CommandError(f"{path} does not exist; run `manage.py data_key create` first.")
        add_key_to_file(path)
        self.stdout.write(
            f"A new key is now first in {path}. Restart Hearth, then run "
            "`manage.py rotate_data_key`; remove the old key only once that is done."
        )
