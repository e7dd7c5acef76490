"""The uploaded media (MEDIA_ROOT) into one tar file and back."""

import tarfile
from pathlib import Path


def pack_media(*, media_root: Path, target: Path) -> int:
    """Write every file under `media_root` (absent: none) into the tar `target`; returns
    how many files it holds."""
    count = 0
    with tarfile.open(target, "w") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=path.relative_to(media_root).as_posix())
                    count += 1
    return count


def media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return [path for path in media_root.rglob("*") if path.is_file()]


def unpack_media(*, source: Path, media_root: Path) -> int:
    """Extract the tar `source` into `media_root` (made if absent); returns files written.
    Only plain files and folders inside `media_root` are extracted (the "data" filter)."""
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source) as archive:
        members = [member for member in archive.getmembers() if member.isfile()]
        archive.extractall(media_root, members=members, filter="data")
    return len(members)
