"""No double booking under real concurrency: a real gunicorn server, real threads, the
suite's own database (file-backed SQLite or PostgreSQL)."""

import datetime as dt
import json
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from hearth.bookings.models import Booking
from hearth.core.testing import gunicorn_server
from hearth.practice.models import ServiceKind
from hearth.practice.tests.factories import (
    PractitionerFactory,
    ServiceFactory,
    WeeklyWindowFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server():
    with gunicorn_server() as base:
        yield base + "/api/v1"


@pytest.fixture
def open_practice():
    sam = PractitionerFactory(slug="sam", timezone="UTC")
    for weekday in range(7):
        WeeklyWindowFactory(practitioner=sam, weekday=weekday, start_minute=0, end_minute=1440)
    return ServiceFactory(
        slug="chat",
        kind=ServiceKind.CONSULTATION,
        duration_minutes=15,
        minimum_notice_minutes=0,
        practitioners=[sam],
    )


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
    return {
        "service": "chat",
        "start": start,
        "name": f"Client {n}",
        "email": f"client{n}@example.org",
        "location": "WA",
        "timezone": "UTC",
        "consent": True,
    }


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
