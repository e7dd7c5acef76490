"""Capacity is never exceeded and the waitlist keeps commit order under real concurrency:
a real gunicorn server, real threads, the suite's own database (SQLite file or PostgreSQL)."""

import datetime as dt
import json
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from hearth.core.testing import gunicorn_server
from hearth.practice.tests.factories import PractitionerFactory
from hearth.privacy.models import AuditEntry
from hearth.workshops.actions import register
from hearth.workshops.models import Registration, Workshop
from hearth.workshops.tokens import registration_token

from .conftest import person
from .factories import WorkshopFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server():
    with gunicorn_server() as base:
        yield base + "/api/v1"


def workshop(capacity: int) -> Workshop:
    now = dt.datetime.now(dt.UTC)
    sam = PractitionerFactory(slug="sam", timezone="UTC")
    first = now + dt.timedelta(days=30)
    return WorkshopFactory(
        slug="intensive",
        practitioner=sam,
        capacity=capacity,
        registration_deadline=first - dt.timedelta(days=2),
        sessions=[(first, first + dt.timedelta(hours=6))],
    )


def post(url: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def attempt(n: int) -> dict:
    return {
        "name": f"Client {n}",
        "email": f"client{n}@example.org",
        "location": "WA",
        "timezone": "UTC",
        "consent": True,
    }


def test_100_concurrent_registrations_for_12_seats(server):
    made = workshop(capacity=12)
    url = f"{server}/workshops/intensive/registrations"
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=100) as pool:
        results = list(pool.map(lambda n: post(url, attempt(n)), range(100)))
    elapsed = time.monotonic() - began
    print(f"\n[race] {connection.vendor}: 100 registrations, 12 seats in {elapsed:.1f} s")
    assert Counter(status for status, _ in results) == {201: 100}
    assert Counter(body["status"] for _, body in results) == {"confirmed": 12, "waitlisted": 88}
    made.refresh_from_db()
    rows = list(Registration.objects.filter(workshop=made).order_by("number"))
    assert made.seats_taken == 12 == sum(r.status == "confirmed" for r in rows)
    assert made.registrations_made == 100
    # Arrival (commit) order: the first 12 numbers hold the seats, the rest wait in order,
    # and each client was told its place as the database has it.
    assert [r.number for r in rows] == list(range(1, 101))
    assert [r.status for r in rows] == ["confirmed"] * 12 + ["waitlisted"] * 88
    assert [r.pk for r in rows] == sorted(r.pk for r in rows)
    told = {body["reference"]: body["position"] for _, body in results}
    assert [told[r.reference] for r in rows] == [None] * 12 + list(range(1, 89))


def test_20_concurrent_cancellations_promote_20_in_order(server):
    made = workshop(capacity=20)
    now = dt.datetime.now(dt.UTC)
    people = [register(workshop=made, attendee=person(n), now=now).registration for n in range(45)]
    seated = [r for r in people if r.status == "confirmed"]
    assert len(seated) == 20
    urls = [f"{server}/registrations/{registration_token(r.pk)}/cancel" for r in seated]
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(post, urls))
    assert Counter(status for status, _ in results) == {200: 20}
    promotions = AuditEntry.objects.filter(action="registration.promoted")
    promoted_ids = [int(entry.object_id) for entry in promotions]
    assert len(promoted_ids) == len(set(promoted_ids)) == 20
    promoted = Registration.objects.filter(pk__in=promoted_ids)
    # Exactly the first 20 who waited, each once, in the order they registered.
    assert sorted(r.number for r in promoted) == list(range(21, 41))
    by_time = [int(e.object_id) for e in promotions.order_by("at", "id")]
    assert [Registration.objects.get(pk=pk).number for pk in by_time] == list(range(21, 41))
    made.refresh_from_db()
    statuses = Counter(Registration.objects.filter(workshop=made).values_list("status", flat=True))
    assert statuses == {"cancelled": 20, "confirmed": 20, "waitlisted": 5}
    assert made.seats_taken == 20
