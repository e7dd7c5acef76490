"""Busy blocks in the engine: slots under them disappear, booking them is refused."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.errors import SlotTaken
from hearth.bookings.models import Booking
from hearth.calendars.actions import refresh_calendar
from hearth.privacy.models import AuditEntry

from . import files
from .conftest import NOW

pytestmark = pytest.mark.django_db

SLOTS = "/api/v1/services/free-consultation/slots"
MARCH_3 = {"start": "2027-03-03", "end": "2027-03-03", "tz": "America/Los_Angeles"}
ALL_OF_WEDNESDAY = [
    f"2027-03-03T{time}:00-08:00"
    for time in ("09:00", "09:30", "10:00", "10:30", "11:00", "11:30")
]


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


def starts(client) -> list[str]:
    response = client.get(SLOTS, MARCH_3)
    assert response.status_code == 200
    return [slot["start"] for slot in response.json()["slots"]]


def test_slots_under_a_busy_block_disappear(client, consultation, add_calendar):
    assert starts(client) == ALL_OF_WEDNESDAY
    # 17:00-17:30 UTC is 09:00-09:30 in Los Angeles; Berlin's 08:00-09:00 UTC is before hours.
    refresh_calendar(calendar=add_calendar("/a.ics", files.SIMPLE), now=NOW)
    assert starts(client) == ALL_OF_WEDNESDAY[1:]


def test_an_all_day_event_empties_the_day_only_when_asked(client, consultation, add_calendar):
    ignored = add_calendar("/away.ics", files.ALL_DAY)
    refresh_calendar(calendar=ignored, now=NOW)
    assert starts(client) == ALL_OF_WEDNESDAY  # 20:00 UTC is 12:00 LA, after hours
    ignored.include_all_day = True
    ignored.save()
    refresh_calendar(calendar=ignored, now=NOW)
    assert starts(client) == []


def test_a_busy_block_has_no_buffer(client, consultation, add_calendar):
    consultation.buffer_before_minutes = consultation.buffer_after_minutes = 0
    consultation.save()
    refresh_calendar(calendar=add_calendar("/a.ics", files.SIMPLE), now=NOW)
    # The 09:30 slot starts the moment the block ends.
    assert starts(client)[0] == "2027-03-03T09:30:00-08:00"


def test_booking_a_time_under_a_busy_block_is_refused_and_nothing_is_written(
    consultation, add_calendar
):
    refresh_calendar(calendar=add_calendar("/a.ics", files.SIMPLE), now=NOW)
    client = ClientDetails(
        name="Alex",
        email="alex@example.org",
        phone="",
        location="WA",
        timezone="America/Los_Angeles",
    )
    with pytest.raises(SlotTaken) as refused:
        book_slot(
            service=consultation,
            start=dt.datetime(2027, 3, 3, 17, tzinfo=dt.UTC),
            client=client,
            now=NOW,
        )
    assert (Booking.objects.count(), AuditEntry.objects.count()) == (0, 0)
    assert dt.datetime(2027, 3, 3, 17, 30, tzinfo=dt.UTC) in [
        s.start for s in refused.value.alternatives
    ]
    booked = book_slot(
        service=consultation,
        start=dt.datetime(2027, 3, 3, 17, 30, tzinfo=dt.UTC),
        client=client,
        now=NOW,
    )
    assert booked.created


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SLOTS, params).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_busy_blocks(client, consultation, add_calendar):
    sixty_days = {"start": "2027-03-02", "end": "2027-04-30", "tz": "UTC"}
    empty = count_queries(client, sixty_days)
    refresh_calendar(calendar=add_calendar("/a.ics", files.WEEKLY_WITH_EXDATE), now=NOW)
    refresh_calendar(calendar=add_calendar("/b.ics", files.ACROSS_DST), now=NOW)
    assert count_queries(client, sixty_days) == empty


def test_a_weekly_block_follows_the_wall_clock_across_the_dst_change(
    client, consultation, add_calendar
):
    refresh_calendar(calendar=add_calendar("/dst.ics", files.ACROSS_DST), now=NOW)
    weeks = {"start": "2027-03-10", "end": "2027-03-17", "tz": "America/Los_Angeles"}
    slots = [s["start"] for s in client.get(SLOTS, weeks).json()["slots"]]
    # 09:30 is taken both weeks: 17:30 UTC in standard time, 16:30 UTC in daylight time.
    assert slots == [
        "2027-03-10T09:00:00-08:00",
        "2027-03-10T10:00:00-08:00",
        "2027-03-10T10:30:00-08:00",
        "2027-03-10T11:00:00-08:00",
        "2027-03-10T11:30:00-08:00",
        "2027-03-17T09:00:00-07:00",
        "2027-03-17T10:00:00-07:00",
        "2027-03-17T10:30:00-07:00",
        "2027-03-17T11:00:00-07:00",
        "2027-03-17T11:30:00-07:00",
    ]


def test_asking_for_slots_never_fetches_a_calendar(client, consultation, add_calendar, ics_server):
    add_calendar("/a.ics", files.SIMPLE)  # listed but not read yet
    assert starts(client) == ALL_OF_WEDNESDAY
    assert ics_server.requests == []
