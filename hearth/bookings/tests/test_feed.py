"""The practitioner's feed: a real iCalendar for subscribers, 304 when unchanged, 404 otherwise."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from hearth.bookings.feed import initials
from hearth.bookings.models import BookingStatus
from hearth.bookings.tests.factories import BookingFactory
from hearth.calendars.actions import issue_feed_token, revoke_feed, set_feed_names
from hearth.practice.tests.factories import PractitionerFactory

from .conftest import NOW, WORDS_NO_MESSAGE_MAY_CARRY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def sam(practice):
    return practice["sam"]


@pytest.fixture
def consultation(practice):
    return practice["consultation"]


@pytest.fixture
def feed(sam, consultation):
    consultation.name = "Counseling by video"  # a name the feed must not repeat
    consultation.save()
    token = issue_feed_token(practitioner=sam, actor="sam", now=NOW)
    return f"/calendars/feed/{token}.ics"


def events(response) -> dict[str, dict]:
    calendar = Calendar.from_ical(response.content)
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "summary": str(e["SUMMARY"]),
        }
        for e in calendar.walk("VEVENT")
    }


def test_the_feed_lists_upcoming_bookings_with_initials_and_references_in_utc(
    client, sam, consultation, feed
):
    BookingFactory(
        practitioner=sam,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-03-03T09:00:00-08:00"),
        reference="AAAA1111",
    )
    BookingFactory(
        practitioner=sam,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-03-04T10:00:00-08:00"),
        client_name="Jordan Lee",
        reference="BBBB2222",
    )
    BookingFactory(
        practitioner=sam,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-03-05T10:00:00-08:00"),
        reference="CCCC3333",
        status=BookingStatus.CANCELLED,
    )
    BookingFactory(
        practitioner=sam,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-01-05T10:00:00-08:00"),
        reference="OLD00000",
    )  # over 30 days ago
    other = PractitionerFactory()
    BookingFactory(
        practitioner=other,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-03-03T09:00:00-08:00"),
        reference="DDDD4444",
        client_name="Not Sam's",
    )
    response = client.get(feed)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Sam Rivera: bookings"
    assert events(response) == {
        "AAAA1111-feed@hearth": {
            "start": dt.datetime(2027, 3, 3, 17, tzinfo=dt.UTC),
            "end": dt.datetime(2027, 3, 3, 17, 50, tzinfo=dt.UTC),
            "summary": "A.M. AAAA1111",
        },
        "BBBB2222-feed@hearth": {
            "start": dt.datetime(2027, 3, 4, 18, tzinfo=dt.UTC),
            "end": dt.datetime(2027, 3, 4, 18, 50, tzinfo=dt.UTC),
            "summary": "J.L. BBBB2222",
        },
    }
    assert b"DTSTART:20270303T170000Z" in response.content
    assert b"Alex" not in response.content and b"Jordan" not in response.content
    text = response.content.decode().lower()
    assert not [word for word in WORDS_NO_MESSAGE_MAY_CARRY if word in text]


def test_an_unchanged_feed_answers_304_and_a_change_answers_200(client, sam, consultation, feed):
    booking = BookingFactory(
        practitioner=sam,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-03-03T09:00:00-08:00"),
    )
    first = client.get(feed)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(feed, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(feed, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        booking.status = BookingStatus.CANCELLED
        booking.save()
    changed = client.get(feed, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and events(changed) == {}
    assert client.get(feed, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200


def test_a_new_address_replaces_the_old_and_revoking_turns_it_off(client, sam, feed):
    assert client.get(feed).status_code == 200
    new_token = issue_feed_token(practitioner=sam, actor="sam", now=NOW)
    assert client.get(feed).status_code == 404
    assert client.get(f"/calendars/feed/{new_token}.ics").status_code == 200
    assert revoke_feed(practitioner=sam, actor="sam") is True
    assert client.get(f"/calendars/feed/{new_token}.ics").status_code == 404
    assert revoke_feed(practitioner=sam, actor="sam") is False


@pytest.mark.parametrize("token", ["nope", "a" * 43, "%00abc", "x" * 5000, "é"])
def test_unknown_tokens_are_404_never_500(client, feed, token):
    assert client.get(f"/calendars/feed/{token}.ics").status_code == 404


def test_only_reading_is_allowed(client, feed):
    assert client.head(feed).status_code == 200
    assert client.post(feed).status_code == 405


def test_only_a_hash_of_the_token_is_stored(sam, feed):
    token = feed.removeprefix("/calendars/feed/").removesuffix(".ics")
    stored = sam.calendar_feed.token_hash
    assert token not in stored and len(stored) == 64 and len(token) >= 43


def test_the_feed_takes_two_queries_however_many_bookings(client, sam, consultation, feed):
    BookingFactory(
        practitioner=sam,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-03-03T09:00:00-08:00"),
    )
    with CaptureQueriesContext(connection) as few:
        client.get(feed)
    for day in range(4, 24):
        BookingFactory(
            practitioner=sam,
            service=consultation,
            start=dt.datetime.fromisoformat(f"2027-03-{day:02d}T09:00:00-08:00"),
        )
    with CaptureQueriesContext(connection) as many:
        assert len(events(client.get(feed))) == 21
    assert len(few) == len(many) == 2


def test_the_feed_is_private_and_not_stored(client, feed):
    assert client.get(feed)["Cache-Control"] == "private, no-store"


def test_full_names_only_once_the_practitioner_turns_them_on(client, sam, consultation, feed):
    BookingFactory(
        practitioner=sam,
        service=consultation,
        start=dt.datetime.fromisoformat("2027-03-03T09:00:00-08:00"),
        client_name="jordan  van der Lee",
        reference="AAAA1111",
    )
    before = client.get(feed)
    assert [e["summary"] for e in events(before).values()] == ["J.V.D. AAAA1111"]
    set_feed_names(practitioner=sam, full_names=True, actor="sam")
    after = client.get(feed, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200  # a changed title is a changed feed
    assert [e["summary"] for e in events(after).values()] == ["jordan  van der Lee"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [("Alex Morgan", "A.M."), ("Cher", "C."), ("  ", "?"), ("Ana María de la Cruz", "A.M.D.")],
)
def test_initials(name, shown):
    assert initials(name) == shown
