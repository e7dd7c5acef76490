"""Which folders are complete snapshots, and keeping only the newest N of them."""

import shutil
from pathlib import Path

from .manifest import MANIFEST

PREFIX = "hearth-"


def complete_snapshots(backup_dir: Path) -> list[Path]:
    """The finished snapshots in `backup_dir`, oldest first. A partial one (still being
    written, or left by an interrupted backup) has another name and never counts."""
    if not backup_dir.is_dir():
        return []
    found = [
        path
        for path in backup_dir.iterdir()
        if path.is_dir() and path.name.startswith(PREFIX) and (path / MANIFEST).is_file()
    ]
    return sorted(found, key=_order)


def prune_snapshots(*, backup_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` complete snapshots; returns those deleted."""
    snapshots = complete_snapshots(backup_dir)
    old = snapshots[: max(len(snapshots) - keep, 0)]
    for path in old:
        shutil.rmtree(path)
    return old


def _order(path: Path) -> tuple[str, int]:
    stamp, _, number = path.name.removeprefix(PREFIX).partition("-")
    return stamp, int(number) if number.isdigit() else 1
