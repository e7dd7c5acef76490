"""A migrated, empty SQLite file in a second, and the demo set up, for benchmarks and docs.

Migrating from nothing takes tens of seconds, and every benchmark starts from a fresh
database; so the first call migrates a template once per set of migrations (our migration
files and the locked dependencies) and settings module, and each call copies it. The demo
install (pages, images, the practice) is kept the same way, once a day (its dates are
relative to today) per version of the install code and the demo files.
"""

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from ..data_keys import create_key_file

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "var" / "migrated-templates"


def migrations_fingerprint(settings_module: str) -> str:
    """Changes whenever a migration, a locked dependency or the settings module does."""
    digest = hashlib.sha256(settings_module.encode())
    sources = [ROOT / "requirements.lock", *sorted(ROOT.glob("hearth/*/migrations/*.py"))]
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_sqlite(path: Path, *, settings_module: str = "config.settings.dev") -> Path:
    """Replace the SQLite database at `path` (and its WAL files) with a migrated, empty one
    (database cache tables included); return `path`."""
    template = TEMPLATES / f"{migrations_fingerprint(settings_module)}.sqlite3"
    if not template.exists():
        _build_template(template, settings_module)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return path


def _build_template(template: Path, settings_module: str) -> None:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    building = template.with_name(f"{template.stem}.{os.getpid()}.building")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{building}",
        "HEARTH_VAR_DIR": str(TEMPLATES),
        "REDIS_URL": "",  # database cache tables too; unused ones do no harm under Redis
    }
    command = [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"]
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    # Everything into the main file, so that copying that one file copies the database.
    with closing(sqlite3.connect(building)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    os.replace(building, template)


def demo_install_template() -> Path:
    """A folder holding the demo set up on SQLite (demo.sqlite3, media, the admin login file),
    made on first use for today and this code; copy it, never use it. Made under the dev
    settings: what is stored does not depend on the settings module."""
    settings_module = "config.settings.dev"
    template = TEMPLATES / f"demo-{demo_fingerprint(settings_module)}"
    if not template.exists():
        _build_demo_template(template, settings_module)
    return template


def demo_fingerprint(settings_module: str, *extra_files: Path) -> str:
    """Changes with the migrations, the day (the demo's dates are relative to today), the
    install code, the demo files and `extra_files`."""
    digest = hashlib.sha256(migrations_fingerprint(settings_module).encode())
    digest.update(dt.date.today().isoformat().encode())  # noqa: DTZ011 (the demo's own dates)
    sources = sorted([*ROOT.glob("hearth/install/**/*.py"), *ROOT.glob("demo/**/*")])
    for path in [*sources, *extra_files]:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _build_demo_template(template: Path, settings_module: str) -> None:
    building = template.with_name(f"{template.name}.{os.getpid()}.building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    database = migrated_sqlite(building / "demo.sqlite3", settings_module=settings_module)
    create_key_file(building / "data-keys")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "HEARTH_VAR_DIR": str(building),
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",
        "HEARTH_DATA_KEYS": "",
        "HEARTH_DATA_KEYS_FILE": str(building / "data-keys"),
    }
    command = [sys.executable, str(ROOT / "manage.py"), "setup_install"]
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    try:
        os.replace(building, template)
    except OSError:  # another process made it first
        shutil.rmtree(building, ignore_errors=True)


def restore_page_root() -> None:
    """Put back Wagtail's root page and locale, which a transactional test's flush removes
    (before `set_up_install` in such a test)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
