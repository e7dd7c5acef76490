"""How many upcoming bookings of one service one email address may hold: the action, the API
and the booking page refuse the next one and store nothing."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from hearth.bookings.actions import ClientDetails, book_slot, cancel_booking
from hearth.bookings.errors import TooManyUpcoming
from hearth.bookings.models import Booking
from hearth.core.models import IdempotencyKey
from hearth.core.testing import form_fields
from hearth.notifications.models import OutboxMessage
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
ONE_CONSULTATION = override_settings(HEARTH_FUTURE_BOOKINGS_PER_SERVICE={"consultation": 1})
FIRST = dt.datetime(2027, 3, 10, 17, 0, tzinfo=dt.UTC)  # 12:00 in New York
SECOND = dt.datetime(2027, 3, 10, 18, 0, tzinfo=dt.UTC)  # 13:00 in New York
REFUSAL = (
    "This email address already has one booking of “Free 15-minute consultation” coming up, "
    "as many as one person can hold. To choose another time, use the link in your "
    "confirmation email to move it."
)


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def alex(email="alex@example.org") -> ClientDetails:
    return ClientDetails(
        name="Alex", email=email, location="ID", timezone="America/New_York", phone=""
    )


def written() -> tuple[int, int, int, int]:
    return (
        Booking.objects.count(),
        AuditEntry.objects.count(),
        OutboxMessage.objects.count(),
        IdempotencyKey.objects.count(),
    )


def test_the_free_consultation_allows_one_upcoming_booking_by_default():
    from config.settings import base

    assert base.HEARTH_FUTURE_BOOKINGS_PER_SERVICE == {"consultation": 1}


@ONE_CONSULTATION
def test_a_second_upcoming_consultation_is_refused_and_nothing_is_written(practice):
    service = practice["consultation"]
    book_slot(service=service, start=FIRST, client=alex(), now=NOW, idempotency_key="a")
    before = written()
    with pytest.raises(TooManyUpcoming) as error:
        book_slot(
            service=service,
            start=SECOND,
            client=alex("ALEX@example.org"),
            now=NOW,
            idempotency_key="b",
        )
    assert (error.value.code, error.value.status, error.value.detail) == (
        "too_many_upcoming",
        409,
        REFUSAL,
    )
    assert written() == before


@ONE_CONSULTATION
def test_other_people_other_services_and_cancelled_or_past_bookings_do_not_count(practice):
    service = practice["consultation"]
    first = book_slot(service=service, start=FIRST, client=alex(), now=NOW).booking
    book_slot(service=service, start=SECOND, client=alex("sam@example.org"), now=NOW)
    coaching = practice["coaching"]
    coaching_client = ClientDetails(
        name="Alex", email="alex@example.org", location="WA", timezone="America/New_York"
    )
    book_slot(
        service=coaching,
        start=dt.datetime(2027, 3, 17, 16, 0, tzinfo=dt.UTC),
        client=coaching_client,
        now=NOW,
    )
    cancel_booking(booking=first, now=NOW, actor="client")
    again = book_slot(service=service, start=FIRST, client=alex(), now=NOW).booking
    # Once the booked session has started, another may be booked.
    later = book_slot(
        service=service,
        start=dt.datetime(2027, 3, 17, 17, 0, tzinfo=dt.UTC),
        client=alex(),
        now=again.start,
    )
    assert later.created is True


@ONE_CONSULTATION
def test_the_api_answers_too_many_upcoming_and_books_nothing(client, practice):
    def post(start: str):
        return client.post(
            "/api/v1/bookings",
            {
                "service": "free-consultation",
                "start": start,
                "name": "Alex",
                "email": "alex@example.org",
                "location": "ID",
                "timezone": "America/New_York",
                "consent": True,
            },
            content_type="application/json",
        )

    assert post("2027-03-10T12:00:00-05:00").status_code == 201
    refused = post("2027-03-10T13:00:00-05:00")
    assert (refused.status_code, refused.json()) == (
        409,
        {"code": "too_many_upcoming", "detail": REFUSAL},
    )
    assert Booking.objects.count() == 1


@ONE_CONSULTATION
def test_the_booking_page_says_so_and_books_nothing(client, practice, pinned_now):
    def submit(start: str):
        page = client.get(
            "/book/free-consultation/details/",
            {"start": start, "location": "ID", "tz": "America/New_York"},
        )
        data = form_fields(page.content.decode(), "form[method=post]")
        pinned_now.shift(dt.timedelta(seconds=30))
        return client.post(
            "/book/free-consultation/details/",
            data | {"name": "Alex", "email": "alex@example.org", "consent": "on"},
        )

    assert submit("2027-03-10T12:00:00-05:00").status_code == 302
    refused = submit("2027-03-10T13:00:00-05:00")
    assert refused.status_code == 409
    assert REFUSAL in refused.content.decode()
    assert Booking.objects.count() == 1
