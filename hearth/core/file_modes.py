"""The SQLite database file (with its journal files) readable and writable by its owner only."""

import contextlib
import os
from pathlib import Path

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIRECTORY = 0o700


def keep_sqlite_files_private(sender, connection, **kwargs) -> None:
    """connection_created receiver: chmod 600 the database file and its -wal and -shm files."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (Path(name), Path(f"{name}-wal"), Path(f"{name}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mode & 0o777 != OWNER_ONLY_FILE:
                os.chmod(path, OWNER_ONLY_FILE)
