"""Take a snapshot while the site runs: the database (SQLite's online backup API, or
pg_dump), the media as a tar, and the manifest, written under a temporary name and renamed
into place only when complete; then keep the newest N snapshots."""

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from hearth.core.file_modes import OWNER_ONLY_DIRECTORY, OWNER_ONLY_FILE

from .manifest import Manifest, build_manifest, write_manifest
from .media import pack_media
from .postgres_copy import dump_postgres
from .pruning import PREFIX, prune_snapshots
from .sqlite_copy import dump_sqlite

DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_FILE = "media.tar"
PARTIAL = ".partial-"


class BackupRefused(Exception):
    pass


@dataclass(frozen=True)
class Snapshot:
    path: Path
    manifest: Manifest
    media_files: int
    removed: list[Path]


def snapshot_name(now: dt.datetime) -> str:
    """hearth-YYYYMMDDTHHMMSSZ (UTC): names sort in time order."""
    return f"{PREFIX}{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def take_snapshot(*, backup_dir: Path, keep: int, now: dt.datetime) -> Snapshot:
    """Write a complete snapshot into `backup_dir` (made mode 700 if absent), then delete
    all but the newest `keep`. Raises BackupRefused (unknown database), SqliteCopyFailed or
    PostgresCopyFailed; a failure leaves no snapshot behind."""
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupRefused(f"Hearth cannot back up a {vendor} database.")
    if keep < 1:
        raise BackupRefused("HEARTH_BACKUP_KEEP must be 1 or more.")
    backup_dir.mkdir(mode=OWNER_ONLY_DIRECTORY, parents=True, exist_ok=True)
    os.chmod(backup_dir, OWNER_ONLY_DIRECTORY)
    building = backup_dir / f"{PARTIAL}{snapshot_name(now)}-{os.getpid()}"
    building.mkdir(mode=OWNER_ONLY_DIRECTORY)
    try:
        manifest, media_count = _write_into(building, vendor)
        final = _final_path(backup_dir, snapshot_name(now))
        os.replace(building, final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    removed = prune_snapshots(backup_dir=backup_dir, keep=keep)
    return Snapshot(path=final, manifest=manifest, media_files=media_count, removed=removed)


def _write_into(folder: Path, vendor: str) -> tuple[Manifest, int]:
    old_mask = os.umask(0o077)
    try:
        # The migrations first: the dump that follows can only hold the same or newer ones.
        applied = [
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ]
        database_file = DATABASE_FILES[vendor]
        if vendor == "sqlite":
            dump_sqlite(
                source=Path(connection.settings_dict["NAME"]), target=folder / database_file
            )
        else:
            dump_postgres(target=folder / database_file)
        media_count = pack_media(media_root=Path(settings.MEDIA_ROOT), target=folder / MEDIA_FILE)
        for path in folder.iterdir():
            os.chmod(path, OWNER_ONLY_FILE)
        manifest = build_manifest(
            folder=folder,
            vendor=vendor,
            database_file=database_file,
            applied_migrations=applied,
            keys=settings.HEARTH_DATA_KEYS,
        )
        os.chmod(write_manifest(folder, manifest), OWNER_ONLY_FILE)
    finally:
        os.umask(old_mask)
    return manifest, media_count


def _final_path(backup_dir: Path, name: str) -> Path:
    path, number = backup_dir / name, 1
    while path.exists():  # two snapshots in one second
        number += 1
        path = backup_dir / f"{name}-{number}"
    return path
