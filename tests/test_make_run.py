"""`PORT=... make run` serves there, says so, and every absolute link names that address."""

import os
import re
import selectors
import signal
import stat
import subprocess
import time
import urllib.request
from pathlib import Path

from hearth.core.testing import free_port, migrated_sqlite

ROOT = Path(__file__).resolve().parent.parent


def read_until(process: subprocess.Popen, marker: str, timeout_seconds: float) -> str:
    """The process's output up to and including the line holding `marker`."""
    seen: list[str] = []
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline and process.poll() is None:
        if selector.select(timeout=1):
            line = process.stdout.readline()
            seen.append(line)
            if marker in line:
                return "".join(seen)
    raise AssertionError(f"no {marker!r} within {timeout_seconds} s:\n{''.join(seen)}")


def test_make_run_on_another_port_links_to_that_port(tmp_path):
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    database = migrated_sqlite(tmp_path / "run.sqlite3")
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "HEARTH_SITE_URL",
            "REDIS_URL",
            "PORT",
            "HEARTH_DATA_KEYS",
            "HEARTH_DATA_KEYS_FILE",
        }
    }
    env |= {"HEARTH_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"}
    # -o: take the virtualenv as installed (this test runs inside it).
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "run", f"PORT={port}"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output = read_until(process, "Links in emails", timeout_seconds=240)
        assert f"  Site:     {site}/\n  Admin:    {site}/admin/\n" in output
        assert f"Hearth is running at {site}/ (Ctrl-C stops it)." in output
        assert f"Links in emails, calendar files and feeds use {site}/." in output
        assert "8000" not in output
        key_file = tmp_path / "data-keys"
        assert f"Made a data key in {key_file} (readable by you only)." in output
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        body = ""
        for _ in range(100):
            try:
                body = urllib.request.urlopen(f"{site}/blog/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.3)
        assert f'<link rel="canonical" href="{site}/blog/">' in body
        feed = urllib.request.urlopen(f"{site}/blog/feed/", timeout=5).read().decode()
        assert re.findall(r"<link>([^<]+)</link>", feed)[:2] == [
            f"{site}/blog/",
            f"{site}/blog/shame-and-the-courage-to-be-seen/",
        ]
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()
