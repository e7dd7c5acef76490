"""manage.py backup: a consistent snapshot of the running site (docs/backups.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from hearth.install.backups.postgres_copy import PostgresCopyFailed
from hearth.install.backups.snapshot import BackupRefused, take_snapshot
from hearth.install.backups.sqlite_copy import SqliteCopyFailed

KEYS_REMINDER = (
    "The data keys are NOT in this backup. Without them the clients' encrypted words "
    "(messages, phone numbers, intake answers) cannot be read. Keep a copy of the keys "
    "(HEARTH_DATA_KEYS or HEARTH_DATA_KEYS_FILE) somewhere apart from the backups."
)


class Command(BaseCommand):
    help = "Write a snapshot of the database and the media into HEARTH_BACKUP_DIR."
    # A backup must never be held back by an unrelated system check.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Where to write it (default: HEARTH_BACKUP_DIR).")

    def handle(self, *args, **options):
        backup_dir = Path(options["dir"] or settings.HEARTH_BACKUP_DIR)
        try:
            snapshot = take_snapshot(
                backup_dir=backup_dir, keep=settings.HEARTH_BACKUP_KEEP, now=timezone.now()
            )
        except (
            BackupRefused,
            SqliteCopyFailed,
            PostgresCopyFailed,
            OSError,
            DatabaseError,
        ) as error:
            raise CommandError(f"No backup was made: {error}") from None
        manifest = snapshot.manifest
        size = sum(entry["size"] for entry in manifest.files.values())
        self.stdout.write(
            f"Backup written to {snapshot.path}\n"
            f"  {manifest.database_vendor} database, {snapshot.media_files} media files, "
            f"{size:,} bytes, {len(manifest.applied_migrations)} migrations applied."
        )
        for path in snapshot.removed:
            self.stdout.write(
                f"  Removed the old snapshot {path.name} (keeping {settings.HEARTH_BACKUP_KEEP})."
            )
        self.stdout.write(self.style.WARNING(KEYS_REMINDER))
