"""Settings: production refuses weak keys and passes Django's deployment checks; SQLite pragmas."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ-_"
DATA_KEY = "dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1mb3ItcmVhbCE="


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "HEARTH_DATA_KEYS",
            "HEARTH_DATA_KEYS_FILE",
        }
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production", HEARTH_DATA_KEYS=DATA_KEY
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_passes_check_deploy_at_warning_level():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="practice.example.org",
        HEARTH_SITE_URL="https://practice.example.org",
        EMAIL_HOST="smtp.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("key", ["", "change-me", "short", "a" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = manage("check", SECRET_KEY=key, EMAIL_HOST="smtp.example.org")
    assert result.returncode == 1
    assert "SECRET_KEY is missing or too weak" in result.stderr


def test_production_refuses_to_print_emails_to_the_log_unless_told():
    result = manage("check", SECRET_KEY=STRONG_KEY, EMAIL_HOST="")
    assert result.returncode == 1
    assert "EMAIL_HOST is not set, so emails (with clients' manage links)" in result.stderr
    told = manage("check", SECRET_KEY=STRONG_KEY, EMAIL_HOST="", HEARTH_ALLOW_CONSOLE_EMAIL="1")
    assert told.returncode == 0, told.stderr


def test_production_refuses_to_start_without_a_data_key():
    result = manage(
        "check", SECRET_KEY=STRONG_KEY, EMAIL_HOST="smtp.example.org", HEARTH_DATA_KEYS=""
    )
    assert result.returncode == 1
    assert "No data key. Clients' messages, phone numbers, intake answers" in result.stderr


def test_production_refuses_a_malformed_data_key_and_reads_keys_from_a_file(tmp_path):
    bad = manage(
        "check", SECRET_KEY=STRONG_KEY, EMAIL_HOST="smtp.example.org", HEARTH_DATA_KEYS="short"
    )
    assert bad.returncode == 1
    assert "Data key 1 in HEARTH_DATA_KEYS is not a valid key" in bad.stderr
    key_file = tmp_path / "keys"
    key_file.write_text(f"# comment\n{DATA_KEY}\n")
    from_file = manage(
        "data_key",
        "status",
        SECRET_KEY=STRONG_KEY,
        EMAIL_HOST="smtp.example.org",
        HEARTH_DATA_KEYS="",
        HEARTH_DATA_KEYS_FILE=str(key_file),
    )
    assert from_file.returncode == 0, from_file.stderr
    assert from_file.stdout.strip() == f"1 data key(s) set, from {key_file}"


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions_a_busy_timeout_and_secure_delete():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 20_000
        # Deleted and overwritten rows are zeroed in the file (an erased client is gone),
        # whatever the SQLite build's default.
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
    assert "PRAGMA secure_delete=ON;" in connection.settings_dict["OPTIONS"]["init_command"]
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_connections_are_kept_and_postgresql_ones_are_not():
    from config.settings.base import database_from_url

    # A kept SQLite connection sets its pragmas once, not on every request.
    assert database_from_url("sqlite:////tmp/hearth.sqlite3")["CONN_MAX_AGE"] is None
    assert database_from_url("postgres://hearth@localhost/practice")["CONN_MAX_AGE"] == 0


@pytest.mark.django_db
def test_the_sqlite_file_and_var_are_the_owners_only(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    connection.ensure_connection()
    database = Path(connection.settings_dict["NAME"])
    assert database.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "var"
    result = manage(
        "check",
        SECRET_KEY=STRONG_KEY,
        EMAIL_HOST="smtp.example.org",
        HEARTH_VAR_DIR=str(fresh),
        DATABASE_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert fresh.stat().st_mode & 0o777 == 0o700


def test_database_url_switches_to_postgresql():
    from config.settings.base import database_from_url

    config = database_from_url("postgres://hearth:pw@db.example.org:5433/practice")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == ("practice", "db.example.org", 5433)
    assert "transaction_mode" not in config.get("OPTIONS", {})
