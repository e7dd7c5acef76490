import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from hearth.workshops.actions import register
from hearth.workshops.models import Registration, Workshop
from hearth.workshops.tokens import registration_token

from .conftest import DEADLINE, NOW, person

pytestmark = pytest.mark.django_db
URL = "/api/v1/workshops/weekend-intensive/registrations"


@pytest.fixture(autouse=True)
def pinned_time():
    with time_machine.travel(NOW, tick=False):
        yield


def body(n: int, **changes) -> dict:
    return {
        "name": f"Client {n}",
        "email": f"client{n}@example.org",
        "location": "TX",
        "timezone": "America/Chicago",
        "consent": True,
    } | changes


def test_list_and_detail(client, intensive):
    for n in range(4):
        register(workshop=intensive, attendee=person(n), now=NOW)
    expected = {
        "slug": "weekend-intensive",
        "title": "Weekend intensive",
        "status": "full",
        "capacity": 3,
        "seats_left": 0,
        "waitlist_length": 1,
        "sessions": [
            {"start": "2027-04-10T09:00:00-07:00", "end": "2027-04-10T16:00:00-07:00"},
            {"start": "2027-04-11T09:00:00-07:00", "end": "2027-04-11T13:00:00-07:00"},
        ],
    }
    assert client.get("/api/v1/workshops").json() == [expected]
    assert client.get("/api/v1/workshops/weekend-intensive/").json() == expected


def test_drafts_and_unknown_slugs_are_not_found(client, intensive):
    Workshop.objects.filter(pk=intensive.pk).update(status="draft")
    assert client.get("/api/v1/workshops").json() == []
    for path in ("/api/v1/workshops/weekend-intensive", "/api/v1/workshops/nope"):
        response = client.get(path)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_register_confirmed_then_waitlisted_with_position(client, intensive):
    answers = [client.post(URL, body(n), content_type="application/json") for n in range(5)]
    assert [a.status_code for a in answers] == [201] * 5
    assert [(a.json()["status"], a.json()["position"]) for a in answers] == [
        ("confirmed", None),
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    first = Registration.objects.order_by("number").first()
    token = registration_token(first.pk)
    assert answers[0].json() == {
        "reference": first.reference,
        "token": token,
        "status": "confirmed",
        "position": None,
        "manage_url": f"http://127.0.0.1:8000/workshops/registration/{token}/",
    }


def test_idempotency_key(client, intensive):
    headers = {"HTTP_IDEMPOTENCY_KEY": "abc"}
    first = client.post(URL, body(1), content_type="application/json", **headers)
    again = client.post(URL, body(1), content_type="application/json", **headers)
    other = client.post(URL, body(2), content_type="application/json", **headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_mismatch")
    assert Registration.objects.count() == 1


def test_refusals_have_codes_and_write_nothing(client, clinical, intensive):
    cases = [
        (URL, body(1, consent=False), 422, "invalid"),
        (URL, body(1, location="ZZ"), 422, "invalid"),
        (URL, body(1, timezone="Mars/Base"), 422, "invalid"),
        (URL, body(1, email="nope"), 422, "invalid"),
        (URL, {"name": "x"}, 422, "invalid"),
        ("/api/v1/workshops/group/registrations", body(1, location="WA"), 422, "not_eligible"),
        ("/api/v1/workshops/missing/registrations", body(1), 404, "not_found"),
    ]
    for url, payload, status, code in cases:
        response = client.post(url, payload, content_type="application/json")
        assert (response.status_code, response.json()["code"]) == (status, code), payload
    assert Registration.objects.count() == 0


def test_closed_after_the_deadline(client, intensive):
    with time_machine.travel(DEADLINE + dt.timedelta(minutes=1), tick=False):
        response = client.post(URL, body(1), content_type="application/json")
        assert client.get("/api/v1/workshops/weekend-intensive").json()["status"] == "closed"
    assert (response.status_code, response.json()["code"]) == (409, "closed")
    assert Registration.objects.count() == 0


@override_settings(HEARTH_RATE_LIMIT_PER_EMAIL=1)
def test_rate_limited_per_email(client, intensive):
    # One address takes one place per workshop, so the limit (which counts places taken,
    # bookings included) is what refuses the second request here, before that rule.
    codes = [
        client.post(URL, body(1, name=f"N{n}"), content_type="application/json").status_code
        for n in range(2)
    ]
    assert codes == [201, 429]
    assert Registration.objects.count() == 1


def test_a_second_place_for_one_email_is_409(client, intensive):
    first = client.post(URL, body(1), content_type="application/json")
    again = client.post(URL, body(1, name="Other"), content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 409)
    assert again.json()["code"] == "already_registered"
    assert Registration.objects.count() == 1


def test_cancel_by_token_promotes_the_next(client, intensive):
    tokens = [
        client.post(URL, body(n), content_type="application/json").json()["token"]
        for n in range(4)
    ]
    response = client.post(f"/api/v1/registrations/{tokens[0]}/cancel")
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    assert client.get(f"/api/v1/registrations/{tokens[3]}").json()["status"] == "confirmed"
    # Repeating the cancel is harmless; a forged token is not found.
    assert client.post(f"/api/v1/registrations/{tokens[0]}/cancel").json()["status"] == "cancelled"
    forged = client.post(f"/api/v1/registrations/{tokens[0][:-2]}xx/cancel")
    assert (forged.status_code, forged.json()["code"]) == (404, "not_found")
