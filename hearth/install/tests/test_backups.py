"""manage.py backup and restore on the suite's database (SQLite file or PostgreSQL): keeping
N snapshots, and the refusals (damaged, not empty, not a snapshot) that change nothing."""

import io
import stat
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hearth.bookings.models import Booking
from hearth.bookings.tests.factories import BookingFactory
from hearth.core.data_keys import new_key
from hearth.install.backups.keys import key_fingerprints
from hearth.install.backups.pruning import complete_snapshots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backups(settings, tmp_path) -> Path:
    settings.HEARTH_BACKUP_DIR = tmp_path / "backups"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.HEARTH_BACKUP_DIR


def backup() -> tuple[Path, str]:
    out = io.StringIO()
    call_command("backup", stdout=out)
    return complete_snapshots(Path(out.getvalue().split()[3]).parent)[-1], out.getvalue()


def restore(path: Path, *options: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *options, stdout=out)
    return out.getvalue()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_keeps_the_newest_n_and_never_counts_a_partial_one(backups, settings):
    settings.HEARTH_BACKUP_KEEP = 2
    interrupted = backups / ".partial-hearth-20260101T000000Z-1"
    interrupted.mkdir(parents=True)
    made = [backup()[0] for _ in range(3)]
    assert complete_snapshots(backups) == made[1:]
    assert not made[0].exists()
    assert interrupted.is_dir()  # not a snapshot: neither counted nor pruned
    assert mode(backups) == 0o700
    assert {path.name: mode(path) for path in made[2].iterdir()} == {
        "manifest.json": 0o600,
        "media.tar": 0o600,
        {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]: 0o600,
    }


def test_backup_prints_where_it_went_and_the_keys_reminder(backups, settings):
    snapshot, output = backup()
    assert output.startswith(f"Backup written to {snapshot}\n")
    assert "The data keys are NOT in this backup." in output
    for key in settings.HEARTH_DATA_KEYS:
        assert key not in output
        assert key not in (snapshot / "manifest.json").read_text()


def test_a_damaged_snapshot_is_refused_and_nothing_changes(backups):
    snapshot, _ = backup()
    media = snapshot / "media.tar"
    media.write_bytes(media.read_bytes()[:-1] + b"x")
    tables = connection.introspection.table_names()
    with pytest.raises(CommandError, match=r"The snapshot is damaged: media\.tar does not match"):
        restore(snapshot)
    assert connection.introspection.table_names() == tables
    assert Booking.objects.count() == 0
    assert not (backups.parent / "media").exists()


def test_a_restore_into_an_install_with_data_is_refused_and_nothing_changes(backups):
    BookingFactory(reference="KEEP1", message="first words")
    snapshot, _ = backup()
    BookingFactory(reference="KEEP2")
    with pytest.raises(CommandError, match=r"already holds data \(.*bookings"):
        restore(snapshot)
    assert sorted(Booking.objects.values_list("reference", flat=True)) == ["KEEP1", "KEEP2"]
    assert complete_snapshots(backups) == [snapshot]


def test_replace_saves_the_data_first_and_reports_keys_that_do_not_read(backups, settings):
    BookingFactory(reference="OLD1", message="words under the old key")
    snapshot, _ = backup()
    BookingFactory(reference="NEW1")
    settings.HEARTH_DATA_KEYS = [new_key()]
    output = restore(snapshot, "--replace")
    saved = [path for path in complete_snapshots(backups) if path != snapshot]
    assert len(saved) == 1
    assert output.splitlines()[0] == f"The data this install held was saved first to {saved[0]}."
    assert "WARNING: the data keys in use cannot read the restored clients' encrypted" in output
    assert sorted(Booking.objects.values_list("reference", flat=True)) == ["OLD1"]


def test_a_restore_reports_that_the_keys_read_the_values(backups, settings):
    BookingFactory(reference="OLD1", message="words")
    snapshot, _ = backup()
    output = restore(snapshot, "--replace")
    assert "The data keys in use read the restored encrypted values (one tried)." in output
    assert "The data keys in use match those the snapshot was made with." in output
    assert Booking.objects.get().message == "words"


def test_a_path_that_is_no_snapshot_is_refused(backups, tmp_path):
    with pytest.raises(CommandError, match="is not a Hearth snapshot"):
        restore(tmp_path / "missing")
    (tmp_path / "folder").mkdir()
    with pytest.raises(CommandError, match="is not a Hearth snapshot"):
        restore(tmp_path / "folder")


def test_key_fingerprints_differ_per_key_and_never_hold_the_key():
    first, second = new_key(), new_key()
    prints = key_fingerprints([first, second])
    assert len(prints) == 2 and prints[0] != prints[1]
    assert key_fingerprints([first]) == prints[:1]
    assert all(len(value) == 16 and value not in first for value in prints)


def test_a_snapshot_of_another_database_vendor_is_refused(backups):
    snapshot, _ = backup()
    manifest = snapshot / "manifest.json"
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[connection.vendor]
    text = manifest.read_text()
    manifest.write_text(text.replace(f'"{connection.vendor}"', f'"{other}"'))
    with pytest.raises(CommandError, match=f"holds a {other} database but this install uses"):
        restore(snapshot)
    assert Booking.objects.count() == 0


def test_a_snapshot_from_a_newer_hearth_is_refused(backups):
    snapshot, _ = backup()
    manifest = snapshot / "manifest.json"
    text = manifest.read_text()
    manifest.write_text(
        text.replace(
            '"applied_migrations": [', '"applied_migrations": ["bookings.9999_future", ', 1
        )
    )
    with pytest.raises(
        CommandError, match=r"made by a newer Hearth .* e\.g\. bookings\.9999_future"
    ):
        restore(snapshot)
    assert Booking.objects.count() == 0


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_pg_dump_of_another_major_version_is_refused_and_leaves_nothing(
    backups, tmp_path, monkeypatch
):
    # A stand-in for Debian's client of another version (the outside world).
    server = connection.pg_version // 10000
    programs = tmp_path / "bin"
    programs.mkdir()
    fake = programs / "pg_dump"
    fake.write_text(f"#!/bin/sh\necho 'pg_dump (PostgreSQL) {server + 1}.2'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}:{Path('/usr/bin')}")
    with pytest.raises(
        CommandError,
        match=f"pg_dump is version {server + 1} but the PostgreSQL server is version {server}: they must match",
    ):
        call_command("backup", stdout=io.StringIO())
    assert list(backups.iterdir()) == []
