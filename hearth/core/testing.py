"""Test helpers shared by the apps' tests (no mocks: real forms, real pages)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]


def form_fields(html: str, selector: str = "form[method=post]") -> dict[str, str | list[str]]:
    """The values a browser would submit for the first form matching `selector`."""
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    if form is None:
        raise AssertionError(f"no form matches {selector!r}")
    data: dict[str, str | list[str]] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = [o.get("value", o.get_text()) for o in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                first = field.select_one("option")
                data[name] = chosen[0] if chosen else (first.get("value", "") if first else "")
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in {"submit", "button", "file"}:
            data[name] = field.get("value", "")
    return data


def database_url() -> str:
    """The test database's address, for a server process started by a test."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{auth}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn_server(*, workers: int = 2, threads: int = 8) -> Iterator[str]:
    """A real gunicorn on the test database (STYLE.md: Django's live server queues only 10
    connections); yields the API's base address and stops the server afterwards."""
    port = free_port()
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test",
                        "DATABASE_URL": database_url()}  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 (our own fixed command line)
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers),
         "--threads", str(threads), "--backlog", "2048", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/services", timeout=2).read()  # noqa: S310
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
