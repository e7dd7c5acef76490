"""A snapshot's manifest (manifest.json): what made it, what it holds, and each file's
sha256 and size, so that a damaged or incomplete snapshot is refused before anything is
touched."""

import datetime as dt
import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .keys import key_fingerprints

MANIFEST = "manifest.json"
FORMAT = 1
PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


class NotASnapshot(Exception):
    """The path is missing, or holds no readable manifest."""


class DamagedSnapshot(Exception):
    """A file named in the manifest is missing, or its size or checksum differs."""


@dataclass(frozen=True)
class Manifest:
    hearth_version: str
    created_at: str  # ISO 8601, UTC
    database_vendor: str  # "sqlite" or "postgresql"
    database_file: str
    applied_migrations: list[str]  # "app_label.name", sorted
    key_fingerprints: list[str]  # of the data keys in use, newest first; never the keys
    files: dict[str, dict] = field(default_factory=dict)  # name -> {"sha256", "size"}
    format: int = FORMAT


def hearth_version() -> str:
    return tomllib.loads(PYPROJECT.read_text())["project"]["version"]


def file_digest(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def build_manifest(
    *, folder: Path, vendor: str, database_file: str, applied_migrations: list[str], keys
) -> Manifest:
    """The manifest of the files now in `folder` (every file but the manifest itself)."""
    files = {
        path.name: file_digest(path)
        for path in sorted(folder.iterdir())
        if path.is_file() and path.name != MANIFEST
    }
    return Manifest(
        hearth_version=hearth_version(),
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        database_vendor=vendor,
        database_file=database_file,
        applied_migrations=sorted(applied_migrations),
        key_fingerprints=key_fingerprints(keys),
        files=files,
    )


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    path = folder / MANIFEST
    path.write_text(json.dumps(asdict(manifest), indent=2) + "\n")
    return path


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the snapshot in `folder`; raises NotASnapshot."""
    path = folder / MANIFEST
    if folder.is_file():
        raise NotASnapshot(
            f"{folder} is a file, not a Hearth snapshot (a folder). If it is a snapshot packed "
            f"with tar, unpack it first (tar -xf {folder}) and give the folder it makes."
        )
    if not folder.is_dir() or not path.is_file():
        raise NotASnapshot(
            f"{folder} is not a Hearth snapshot: a snapshot is a folder made by "
            "`manage.py backup`, holding manifest.json."
        )
    try:
        data = json.loads(path.read_text())
        manifest = Manifest(**data)
    except (ValueError, TypeError) as error:
        raise NotASnapshot(f"{path} is not a readable Hearth manifest ({error}).") from None
    if manifest.format != FORMAT or manifest.database_file not in manifest.files:
        raise NotASnapshot(f"{path} is not a manifest this version of Hearth can read.")
    return manifest


def verify_files(folder: Path, manifest: Manifest) -> None:
    """Raise DamagedSnapshot unless every file is there with its size and sha256."""
    for name, expected in manifest.files.items():
        path = folder / name
        if Path(name).name != name or not path.is_file():
            raise DamagedSnapshot(f"The snapshot is incomplete: {name} is missing.")
        if file_digest(path) != expected:
            raise DamagedSnapshot(
                f"The snapshot is damaged: {name} does not match the checksum in its "
                "manifest. Use another snapshot (or another copy of this one)."
            )
