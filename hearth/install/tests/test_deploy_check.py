"""`manage.py deploy_check`: its parts against a real SMTP server (aiosmtpd) and a refused
port, and the command itself under the production settings in a subprocess."""

import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from hearth.bookings.tests.factories import BookingFactory
from hearth.core.testing import env_for_test_database
from hearth.core.testing.servers import free_port
from hearth.install import deploy_checks
from hearth.notifications import sweeper

ROOT = settings.BASE_DIR
SITE = "https://practice.example.org"


def test_smtp_check_connects_and_sends_nothing(smtp):
    result = deploy_checks.smtp_connection()
    assert (result.check.ok, result.warning) == (True, False)
    assert result.check.detail == f"The mail server 127.0.0.1:{smtp.port} answers (connected)."
    assert smtp.messages == []


def test_smtp_check_names_a_refused_port(settings):
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    result = deploy_checks.smtp_connection()
    assert result.check.ok is False
    assert result.check.detail == (
        f"The mail server 127.0.0.1:{settings.EMAIL_PORT} failed: [Errno 111] Connection refused"
    )


def test_a_test_message_goes_only_where_asked(smtp):
    check = deploy_checks.send_test_message("ops@example.org")
    assert (check.ok, check.detail) == (True, "A test message was sent to ops@example.org.")
    (message,) = smtp.messages
    assert (message["To"], message["Subject"]) == (
        "ops@example.org",
        "Test message from your website",
    )


@pytest.mark.parametrize(
    ("url", "hosts", "ok", "detail"),
    [
        (
            SITE,
            ["practice.example.org"],
            True,
            "HEARTH_SITE_URL is https and practice.example.org is allowed.",
        ),
        (
            SITE,
            [".example.org"],
            True,
            "HEARTH_SITE_URL is https and practice.example.org is allowed.",
        ),
        (
            "http://practice.example.org",
            ["practice.example.org"],
            False,
            "HEARTH_SITE_URL (http://practice.example.org) is not https: links in emails would "
            "not be private.",
        ),
        (
            SITE,
            ["other.example.org"],
            False,
            "The host of HEARTH_SITE_URL (practice.example.org) is not in ALLOWED_HOSTS "
            "(other.example.org).",
        ),
    ],
)
def test_site_url_must_be_https_and_allowed(settings, url, hosts, ok, detail):
    settings.HEARTH_SITE_URL, settings.ALLOWED_HOSTS = url, hosts
    check = deploy_checks.site_url()
    assert (check.ok, check.detail) == (ok, detail)


@pytest.mark.django_db
def test_values_under_an_older_key_warn_and_values_no_key_reads_fail(settings):
    old = settings.HEARTH_DATA_KEYS[0]
    BookingFactory(message="written under the old key")
    new = Fernet.generate_key().decode()
    settings.HEARTH_DATA_KEYS = [new, old]
    result = deploy_checks.older_key_values(2)
    assert (result.check.ok, result.warning) == (False, True)
    assert result.check.detail == (
        "1 stored value(s) are still under an older data key: run `manage.py rotate_data_key` "
        "before removing it."
    )
    settings.HEARTH_DATA_KEYS = [new]
    result = deploy_checks.older_key_values(1)
    assert (result.check.ok, result.warning) == (False, False)
    settings.HEARTH_DATA_KEYS = [old]
    result = deploy_checks.older_key_values(1)
    assert (result.check.ok, result.check.detail) == (
        True,
        "Every stored value is under the newest data key.",
    )


def _production_env(tmp_path, *, smtp_port: int) -> dict:
    key = subprocess.run(
        [sys.executable, "manage.py", "data_key", "new"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return (
        os.environ
        | env_for_test_database()
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "k3y-" + "x7Qp9" * 12,
            "HEARTH_DATA_KEYS": key,
            "HEARTH_DATA_KEYS_FILE": "",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "",
            "HEARTH_SITE_URL": SITE,
            "ALLOWED_HOSTS": "practice.example.org",
            "STATIC_ROOT": str(tmp_path / "static"),
            "HEARTH_VAR_DIR": str(tmp_path),
            "REDIS_URL": "",
            "HEARTH_TASK_BACKEND": "database",
            "HEARTH_SWEEP_SECONDS": "60",
        }
    )


def _deploy_check(env: dict, *options: str) -> tuple[int, list[str], list[str]]:
    done = subprocess.run(
        [sys.executable, "manage.py", "deploy_check", *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout.splitlines(), done.stderr.splitlines()


@pytest.mark.django_db(transaction=True)
def test_deploy_check_under_the_production_settings(tmp_path, smtp):
    env = _production_env(tmp_path, smtp_port=smtp.port)
    code, out, err = _deploy_check(env)
    assert code == 1
    assert out == [
        "✓ The settings are the production ones (config.settings.production).",
        "✓ Django's `check --deploy` finds nothing.",
        "✓ SECRET_KEY is set.",
        "✓ 1 data key(s) set; the newest encrypts and decrypts.",
        "✓ The database answers.",
        "✓ Every migration is applied.",
        f"✗ Static files are not collected in {tmp_path / 'static'}: run "
        "`manage.py collectstatic --noinput`.",
        f"✓ The mail server 127.0.0.1:{smtp.port} answers (connected).",
        "✓ Every stored value is under the newest data key.",
        "✗ No worker has finished a sweep yet: is `manage.py hearth_worker` running?",
        "✓ Messages go out on time.",
        "✓ HEARTH_SITE_URL is https and practice.example.org is allowed.",
    ]
    # Logs under the production settings are JSON lines; the verdict is the last line.
    assert err[-1] == "2 of 12 checks failed: fix them before going live."
    assert all(json.loads(line)["level"] for line in err[:-1])

    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True, capture_output=True)
    code, out, err = _deploy_check(env, "--no-worker-yet")
    assert code == 0, err
    assert out[6] == f"✓ Static files are collected in {tmp_path / 'static'}."
    assert out[9] == (
        "⚠ No worker has finished a sweep yet: is `manage.py hearth_worker` running? "
        "(Fine before the first start: --no-worker-yet.)"
    )
    assert out[-1] == "All 12 checks passed."
    assert smtp.messages == []

    chain = sweeper.kick(now=timezone.now())
    sweeper.record_sweep(chain=chain, now=timezone.now() - dt.timedelta(seconds=5))
    code, out, _err = _deploy_check(env, "--send-test-to", "ops@example.org")
    assert code == 0
    assert [line[0] for line in out[:-1]] == ["✓"] * 13
    assert out[8] == "✓ A test message was sent to ops@example.org."
    assert out[10] == "✓ The worker is sweeping the outbox."
    assert [m["To"] for m in smtp.messages] == ["ops@example.org"]


def test_a_bad_test_address_is_refused_before_anything_runs(smtp):
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("deploy_check", "--send-test-to", "not an address", stdout=out)
    assert str(refused.value) == "'not an address' is not an email address."
    assert (out.getvalue(), smtp.messages) == ("", [])
