"""No double booking under real concurrency: a real gunicorn server, real threads, the
suite's own database (file-backed SQLite or PostgreSQL)."""

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from hearth.bookings.models import Booking
from hearth.practice.models import ServiceKind
from hearth.practice.tests.factories import (
    PractitionerFactory,
    ServiceFactory,
    WeeklyWindowFactory,
)

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{auth}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server():
    port = free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--threads", "8",
         "--backlog", "2048", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/services", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def open_practice():
    sam = PractitionerFactory(slug="sam", timezone="UTC")
    for weekday in range(7):
        WeeklyWindowFactory(practitioner=sam, weekday=weekday, start_minute=0, end_minute=1440)
    return ServiceFactory(slug="chat", kind=ServiceKind.CONSULTATION, duration_minutes=15,
                          minimum_notice_minutes=0, practitioners=[sam])  # fmt: skip


def first_free_slot(base: str) -> str:
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()
    url = f"{base}/services/chat/slots?start={tomorrow}&end={tomorrow}&tz=UTC"
    return json.loads(urllib.request.urlopen(url).read())["slots"][0]["start"]


def post(base: str, body: dict, key: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"} | ({"Idempotency-Key": key} if key else {})
    request = urllib.request.Request(
        f"{base}/bookings", data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def attempt(start: str, n: int) -> dict:
    return {"service": "chat", "start": start, "name": f"Client {n}",
            "email": f"client{n}@example.org", "location": "WA", "timezone": "UTC",
            "consent": True}  # fmt: skip


def test_200_concurrent_attempts_on_one_slot_make_exactly_one_booking(server, open_practice):
    start = first_free_slot(server)
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(lambda n: post(server, attempt(start, n)), range(200)))
    elapsed = time.monotonic() - began
    statuses = Counter(status for status, _ in results)
    print(f"\n[race] {connection.vendor}: 200 attempts -> {dict(statuses)} in {elapsed:.1f} s")
    assert statuses == {201: 1, 409: 199}
    assert {body["code"] for status, body in results if status == 409} == {"slot_taken"}
    assert Booking.objects.count() == 1


def test_5_concurrent_repeats_of_one_key_make_one_booking(server, open_practice):
    start = first_free_slot(server)
    body = attempt(start, 1)
    with ThreadPoolExecutor(max_workers=5) as pool:
        results = list(pool.map(lambda _: post(server, body, key="same-key"), range(5)))
    assert sorted(status for status, _ in results) == [200, 200, 200, 200, 201]
    assert len({answer["reference"] for _, answer in results}) == 1
    assert Booking.objects.count() == 1
