"""docs/deploy.md, followed on this machine as far as it goes (systemd and TLS excepted): an
environment file made from deploy/hearth.env.example, a data key from `manage.py data_key
new`, the set-up commands through deploy/manage.sh, gunicorn with deploy/gunicorn.conf.py and
the worker; then, as a client behind the proxy would, the home page, a static file, a
booking through the public API, and its confirmation in a real SMTP server's inbox."""

import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from hearth.core.testing import gunicorn_server
from hearth.core.testing.databases import migrated_sqlite
from hearth.core.testing.postgres import migrated_postgres
from hearth.core.testing.smtp import SmtpSink

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SITE = "practice.example.org"
# What Caddy or nginx adds to every request it passes on.
PROXY_HEADERS = {"Host": SITE, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
CLIENT = "robin@client.example"


def clean_environment(env_file: Path) -> dict[str, str]:
    """What a systemd service starts with: nothing of this test run's settings."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    return {k: v for k, v in os.environ.items() if k in keep} | {"HEARTH_ENV_FILE": str(env_file)}


def manage(env_file: Path, *args: str) -> str:
    """`deploy/manage.sh ARGS`, as docs/deploy.md runs every command by hand."""
    result = subprocess.run(
        [str(DEPLOY / "manage.sh"), *args],
        env=clean_environment(env_file),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def environment_from(env_file: Path) -> dict[str, str]:
    """The environment the services get from `env_file` (read by the shell, as manage.sh does)."""
    script = f'set -a; . "{env_file}"; set +a; env -0'
    output = subprocess.run(
        ["/bin/sh", "-c", script],
        env=clean_environment(env_file),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(item.split("=", 1) for item in output.split("\0") if "=" in item)


@contextmanager
def database_for_the_install(var_dir: Path) -> Iterator[str]:
    """The install's DATABASE_URL: PostgreSQL when the suite runs on it (a database of its
    own, dropped afterwards), else a SQLite file in the install's data folder. Both are
    copies of a migrated template (migrating from nothing takes half a minute on
    PostgreSQL): `migrate` then finds nothing left to do, as on an update."""
    if connection.vendor == "postgresql":
        with migrated_postgres(f"{connection.settings_dict['NAME']}_walkthrough") as url:
            yield url
    else:
        yield f"sqlite:///{migrated_sqlite(var_dir / 'hearth.sqlite3')}"


def write_env_file(tmp_path: Path, *, database_url: str, smtp_port: int) -> Path:
    """deploy/hearth.env.example with its CHANGE lines filled in, as step 4 says, and the
    places on this machine instead of /srv/hearth and /etc/hearth."""
    var_dir = tmp_path / "var"
    key_file = tmp_path / "data-keys"
    text = (DEPLOY / "hearth.env.example").read_text("utf-8")
    text = text.replace("SECRET_KEY=\n", f"SECRET_KEY={secrets.token_urlsafe(64)}\n")
    text = text.replace("HEARTH_VAR_DIR=/srv/hearth/var", f"HEARTH_VAR_DIR={var_dir}")
    text = text.replace("MEDIA_ROOT=/srv/hearth/media", f"MEDIA_ROOT={tmp_path / 'media'}")
    text = text.replace(
        "HEARTH_DATA_KEYS_FILE=/etc/hearth/data-keys", f"HEARTH_DATA_KEYS_FILE={key_file}"
    )
    text = text.replace("EMAIL_HOST=smtp.example.org", "EMAIL_HOST=127.0.0.1")
    text = text.replace("EMAIL_PORT=587", f"EMAIL_PORT={smtp_port}")
    text = text.replace("EMAIL_USE_TLS=1", "EMAIL_USE_TLS=0")
    assert text.count(str(tmp_path)) == 3
    text += (
        "\n# This test's own places\n"
        f"DATABASE_URL={database_url}\n"
        f"STATIC_ROOT={tmp_path / 'static'}\n"
        f"GUNICORN_ACCESS_LOG={tmp_path / 'access.log'}\n"
        "GUNICORN_WORKERS=2\n"
        "EMAIL_TIMEOUT=5\n"
    )
    env_file = tmp_path / "hearth.env"
    env_file.write_text(text, "utf-8")
    env_file.chmod(0o640)
    return env_file


def make_data_key(key_file: Path, tmp_path: Path) -> None:
    """Step 6: `manage.py data_key new` (with the development settings: the production ones
    refuse to start without a key) into the key file, readable by its owner only."""
    env = clean_environment(tmp_path / "none") | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "HEARTH_VAR_DIR": str(tmp_path / "keygen"),
    }
    key = subprocess.run(
        [sys.executable, "manage.py", "data_key", "new"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}=", key)
    key_file.write_text(key + "\n", "utf-8")
    key_file.chmod(0o600)


def get(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=PROXY_HEADERS)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read().decode()


def post_json(url: str, body: dict) -> tuple[int, dict]:
    headers = PROXY_HEADERS | {"Content-Type": "application/json"}
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


@contextmanager
def worker(env_file: Path) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(
        [str(DEPLOY / "manage.sh"), "hearth_worker"],
        env=clean_environment(env_file),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_for(condition, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.2)


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_a_fresh_install_following_docs_deploy_serves_books_and_emails(tmp_path):
    with SmtpSink() as smtp, database_for_the_install(tmp_path / "var") as database_url:
        env_file = write_env_file(tmp_path, database_url=database_url, smtp_port=smtp.port)
        make_data_key(tmp_path / "data-keys", tmp_path)
        # Steps 7 and 8: the database, the cache tables, the static files, the set-up.
        manage(env_file, "migrate", "--noinput")
        manage(env_file, "createcachetable")
        manage(env_file, "collectstatic", "--noinput")
        out = manage(
            env_file,
            "setup_install",
            "--production",
            "--email",
            "alex@lakeside.example",
            "--practice-file",
            str(DEPLOY / "practice.example.toml"),
        )
        assert "  created service free-consultation\n" in out
        assert len(re.findall(rf"https://{SITE}/admin/password_reset/confirm/\S+/", out)) == 1
        # Step 9: gunicorn with its config file, and the worker; PROXY_HEADERS stand in for
        # the front end of step 10.
        env = environment_from(env_file)
        with (
            gunicorn_server(
                env=env, config=DEPLOY / "gunicorn.conf.py", ready_headers=PROXY_HEADERS
            ) as base,
            worker(env_file),
        ):
            status, home = get(base + "/")
            assert status == 200
            assert "Welcome to Lakeside Counseling" in home
            assert "Northfork" not in home  # nothing of the demo
            [stylesheet] = re.findall(r'href="(/static/[^"]+\.css)"', home)[:1]
            assert (tmp_path / "static" / stylesheet.removeprefix("/static/")).is_file()
            assert get(base + stylesheet)[0] == 200

            api = base + "/api/v1"
            today = dt.datetime.now(dt.UTC).date()
            later = today + dt.timedelta(days=14)
            slots_url = (
                f"{api}/services/free-consultation/slots"
                f"?start={today}&end={later}&tz=America/Chicago"
            )
            start = json.loads(get(slots_url)[1])["slots"][0]["start"]
            status, booking = post_json(
                f"{api}/bookings",
                {
                    "service": "free-consultation",
                    "start": start,
                    "name": "Robin Client",
                    "email": CLIENT,
                    "location": "MN",
                    "timezone": "America/Chicago",
                    "message": "I would like to talk about work.",
                    "consent": True,
                },
            )
            assert (status, booking["status"]) == (201, "confirmed")
            assert booking["manage_url"].startswith(f"https://{SITE}/book/manage/")

            def to_client():
                return [m for m in list(smtp.messages) if m["To"] == CLIENT]

            wait_for(lambda: len(to_client()) == 1, seconds=30)
            [email] = to_client()
            assert email["From"] == "Hearth <no-reply@practice.example.org>"
            assert email["Subject"].startswith("Your appointment with Alex Morgan on ")
            text = email.get_body(("plain",)).get_content()
            assert booking["manage_url"] in text
            manage_path = booking["manage_url"].removeprefix(f"https://{SITE}")
            assert get(base + manage_path)[0] == 200

        log = (tmp_path / "access.log").read_text("utf-8")
        assert '"GET /" 200' in log
        assert '"GET /book/manage/…/" 200' in log
        assert booking["token"] not in log
