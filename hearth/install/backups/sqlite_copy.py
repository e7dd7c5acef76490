"""SQLite in and out through the online backup API (`sqlite3.Connection.backup`): a
consistent copy of a live WAL database, never a copy of its files."""

import sqlite3
from contextlib import closing
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30


class SqliteCopyFailed(Exception):
    pass


def dump_sqlite(*, source: Path, target: Path) -> None:
    """Copy the database at `source` (the site may be writing to it) into a new file
    `target`, in one step: the copy is the database as of one committed moment. The copy is
    a single file (rollback journal, not WAL) and passes SQLite's integrity check."""
    if not source.is_file():
        raise SqliteCopyFailed(f"There is no SQLite database at {source}.")
    try:
        with closing(_connect(source)) as live, closing(_connect(target)) as copy:
            live.backup(copy)  # all pages in one step, under one read transaction
            copy.execute("PRAGMA journal_mode=DELETE")
            (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.Error as error:
        raise SqliteCopyFailed(f"SQLite could not copy {source}: {error}") from None
    if verdict != "ok":
        raise SqliteCopyFailed(f"The copy of {source} fails SQLite's integrity check: {verdict}")


def restore_sqlite(*, source: Path, target: Path) -> None:
    """Write the snapshot's database `source` into the database at `target` (made if
    absent), replacing all of its content in one transaction of the backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(_connect(source, read_only=True)) as saved, closing(_connect(target)) as live:
            saved.backup(live)
    except sqlite3.Error as error:
        raise SqliteCopyFailed(f"SQLite could not write {target}: {error}") from None


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:  # a snapshot's own file (not WAL): never changed by reading it
        uri = f"{path.resolve().as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
