"""manage.py restore PATH: a snapshot back into an empty install (docs/backups.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from hearth.install.backups.manifest import DamagedSnapshot, NotASnapshot
from hearth.install.backups.postgres_copy import PostgresCopyFailed
from hearth.install.backups.restore import Restored, RestoreRefused, restore_snapshot
from hearth.install.backups.sqlite_copy import SqliteCopyFailed


class Command(BaseCommand):
    help = "Restore a snapshot made by `manage.py backup` into an empty install."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="The snapshot's folder.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the data this install holds (saved as a snapshot first).",
        )

    def handle(self, *args, **options):
        try:
            restored = restore_snapshot(
                folder=Path(options["path"]),
                replace=options["replace"],
                backup_dir=Path(settings.HEARTH_BACKUP_DIR),
            )
        except (NotASnapshot, DamagedSnapshot, RestoreRefused) as error:
            raise CommandError(str(error)) from None
        except (SqliteCopyFailed, PostgresCopyFailed, OSError, DatabaseError) as error:
            raise CommandError(f"The restore failed: {error}") from None
        self._report(options["path"], restored)

    def _report(self, path: str, restored: Restored) -> None:
        manifest = restored.manifest
        write = self.stdout.write
        if restored.safety_snapshot:
            write(f"The data this install held was saved first to {restored.safety_snapshot}.")
        write(
            f"Restored {path}: the {manifest.database_vendor} database of "
            f"{manifest.created_at} (Hearth {manifest.hearth_version}) and "
            f"{restored.media_files} media files."
        )
        for line in key_sentences(restored):
            write(line)
        if restored.migrations_to_apply:
            write(
                self.style.WARNING(
                    f"This code has {restored.migrations_to_apply} migrations the snapshot "
                    "had not had: run `manage.py migrate` before starting the site."
                )
            )


def key_sentences(restored: Restored) -> list[str]:
    """What the operator must know about the data keys after a restore."""
    if restored.value_reads is False:
        return [
            "WARNING: the data keys in use cannot read the restored clients' encrypted "
            "words. Set HEARTH_DATA_KEYS (or HEARTH_DATA_KEYS_FILE) to the keys this "
            "snapshot was made with; without them that data is lost."
        ]
    lines = []
    if restored.value_reads:
        lines.append("The data keys in use read the restored encrypted values (one tried).")
    else:
        lines.append("The restored database holds no encrypted values to try.")
    if not restored.keys_match:
        lines.append(
            "WARNING: the snapshot was made with data keys that are not in use now (their "
            "fingerprints differ). Values still under those keys cannot be read: add the "
            "snapshot's keys to HEARTH_DATA_KEYS."
        )
    else:
        lines.append("The data keys in use match those the snapshot was made with.")
    return lines
