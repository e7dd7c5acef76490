"""The booking form takes a proof of work, or books a few times an hour without one (no\nJavaScript); the API takes one or relies on its rate limits."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils.html import escape

from hearth.bookings.models import Booking
from hearth.core.formguard import UNPROVEN_REFUSED
from hearth.core.proof_of_work import FAILED
from hearth.core.testing import form_fields
from hearth.core.tests.test_proof_of_work import solved

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def booking_page(client) -> dict:
    page = client.get(
        "/book/counseling/details/",
        {"start": "2027-03-10T12:00:00-05:00", "location": "ID", "tz": "America/New_York"},
    )
    assert 'data-proof-url="/api/v1/challenge"' in page.content.decode()
    assert '<script src="/static/js/proof-of-work.js" defer>' in page.content.decode()
    return form_fields(page.content.decode(), "form[method=post]") | {
        "name": "Alex",
        "email": "alex@example.org",
        "consent": "on",
    }


@override_settings(HEARTH_PROOF_OF_WORK=True)
def test_the_booking_form_refuses_a_wrong_answer_and_books_with_a_good_one(
    client, practice, pinned_now
):
    data = booking_page(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    refused = client.post("/book/counseling/details/", data | {"proof": "bm9uc2Vuc2U="})
    assert refused.status_code == 422 and escape(FAILED) in refused.content.decode()
    assert not Booking.objects.exists()
    answer = solved(client)
    booked = client.post("/book/counseling/details/", data | {"proof": answer})
    assert booked.status_code == 302 and Booking.objects.count() == 1
    # A double click sends the same form and answer again: the same booking, not a refusal.
    again = client.post("/book/counseling/details/", data | {"proof": answer})
    assert again["Location"] == booked["Location"] and Booking.objects.count() == 1
    # The answer is no good for another form.
    other = client.post("/book/counseling/details/", data | {"proof": answer, "key": "x" * 20})
    assert other.status_code == 422 and Booking.objects.count() == 1


@override_settings(HEARTH_PROOF_OF_WORK=True, HEARTH_UNPROVEN_FORMS_PER_HOUR=2)
def test_without_javascript_a_few_forms_an_hour_book_on_the_other_guards(
    client, practice, pinned_now
):
    data = booking_page(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    first = client.post("/book/counseling/details/", data)  # no answer: no JavaScript
    assert first.status_code == 302 and Booking.objects.count() == 1
    second = client.post(
        "/book/counseling/details/",
        data | {"key": "k" * 20, "start": "2027-03-10T13:00:00-05:00", "email": "b@example.org"},
    )
    assert second.status_code == 302 and Booking.objects.count() == 2
    third = client.post(
        "/book/counseling/details/",
        data | {"key": "z" * 20, "start": "2027-03-10T14:00:00-05:00", "email": "c@example.org"},
    )
    assert third.status_code == 422 and escape(UNPROVEN_REFUSED) in third.content.decode()
    assert Booking.objects.count() == 2
    # An hour later the network may send one again.
    pinned_now.shift(dt.timedelta(hours=1, seconds=1))
    later = client.post(
        "/book/counseling/details/",
        data | {"key": "z" * 20, "start": "2027-03-17T12:00:00-04:00", "email": "c@example.org"},
    )
    assert later.status_code == 302
    assert Booking.objects.count() == 3


def api_booking(**changes) -> dict:
    return {
        "service": "counseling",
        "start": "2027-03-10T12:00:00-05:00",
        "name": "Alex",
        "email": "alex@example.org",
        "location": "ID",
        "timezone": "America/New_York",
        "consent": True,
    } | changes


def test_the_api_takes_an_answer_or_the_rate_limits_alone(client, practice):
    bad = client.post(
        "/api/v1/bookings",
        api_booking(),
        content_type="application/json",
        headers={"X-Hearth-Proof": "nonsense"},
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "proof_failed")
    assert not Booking.objects.exists()
    good = client.post(
        "/api/v1/bookings",
        api_booking(),
        content_type="application/json",
        headers={"X-Hearth-Proof": solved(client)},
    )
    assert good.status_code == 201
    none = client.post(
        "/api/v1/bookings",
        api_booking(start="2027-03-10T13:00:00-05:00", email="b@example.org"),
        content_type="application/json",
    )
    assert none.status_code == 201 and Booking.objects.count() == 2
