"""Bring a snapshot back: checks first (manifest, checksums, vendor, an empty install), then
the database and the media, then what the operator must know (keys, migrations)."""

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from . import checks
from .keys import key_fingerprints, one_stored_value_reads
from .manifest import Manifest, read_manifest, verify_files
from .media import unpack_media
from .postgres_copy import empty_the_schema, restore_postgres
from .pruning import complete_snapshots
from .snapshot import MEDIA_FILE, take_snapshot
from .sqlite_copy import restore_sqlite


class RestoreRefused(Exception):
    """Nothing was changed; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    media_files: int
    safety_snapshot: Path | None
    keys_match: bool  # every key the snapshot was made with is among the keys in use
    value_reads: bool | None  # one stored encrypted value decrypts (None: there is none)
    migrations_to_apply: int


def restore_snapshot(*, folder: Path, replace: bool, backup_dir: Path) -> Restored:
    """Restore the snapshot in `folder` into the configured database and MEDIA_ROOT.

    Refuses (RestoreRefused, NotASnapshot, DamagedSnapshot) before touching anything when
    the snapshot is damaged, of another database vendor, from a newer Hearth, or when the
    install already holds data and `replace` is False. With `replace`, the current data is
    first saved as a snapshot in `backup_dir`, then replaced."""
    manifest = read_manifest(folder)
    verify_files(folder, manifest)
    _check_fits(manifest)
    media_root = Path(settings.MEDIA_ROOT)
    safety = None
    existing = checks.data_found()
    media_count = checks.media_found(media_root)
    if existing or media_count:
        if not replace:
            raise RestoreRefused(_not_empty_sentence(existing, media_count))
        safety = _save_current(backup_dir)
    _write_database(folder / manifest.database_file)
    if replace and media_root.is_dir():
        shutil.rmtree(media_root)
    restored_media = unpack_media(source=folder / MEDIA_FILE, media_root=media_root)
    connection.close()
    return Restored(
        manifest=manifest,
        media_files=restored_media,
        safety_snapshot=safety,
        keys_match=_keys_match(manifest),
        value_reads=one_stored_value_reads(),
        migrations_to_apply=checks.migrations_to_apply(),
    )


def _check_fits(manifest: Manifest) -> None:
    if manifest.database_vendor != connection.vendor:
        raise RestoreRefused(
            f"This snapshot holds a {manifest.database_vendor} database but this install uses "
            f"{connection.vendor} (DATABASE_URL). Restore it into a {manifest.database_vendor} "
            "install; nothing was changed."
        )
    unknown = checks.migrations_unknown_to_code(manifest.applied_migrations)
    if unknown:
        raise RestoreRefused(
            f"This snapshot was made by a newer Hearth (version {manifest.hearth_version}; "
            f"{len(unknown)} migrations this code does not have, e.g. {unknown[0]}). Install "
            "that version of Hearth first, then restore; nothing was changed."
        )


def _not_empty_sentence(existing: list[str], media_count: int) -> str:
    held = [*existing, *([f"{media_count} media files"] if media_count else [])]
    return (
        f"This install already holds data ({', '.join(held)}); restore only goes into an "
        "empty install, so nothing was changed. Point DATABASE_URL and MEDIA_ROOT at a new "
        "database and folder, or give --replace to replace this data (it is saved as a "
        "snapshot first)."
    )


def _save_current(backup_dir: Path) -> Path:
    keep_all = len(complete_snapshots(backup_dir)) + 1
    return take_snapshot(backup_dir=backup_dir, keep=keep_all, now=dt.datetime.now(dt.UTC)).path


def _write_database(source: Path) -> None:
    if connection.vendor == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        connection.close()
        restore_sqlite(source=source, target=target)
    else:
        empty_the_schema()
        connection.close()
        restore_postgres(source=source)


def _keys_match(manifest: Manifest) -> bool:
    in_use = set(key_fingerprints(settings.HEARTH_DATA_KEYS))
    return set(manifest.key_fingerprints) <= in_use
