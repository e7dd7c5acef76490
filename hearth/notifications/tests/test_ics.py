"""The one calendar writer: same input, same bytes; every time in UTC; the calendar named;
the method the caller gives."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from hearth.notifications.ics import CalendarEvent, Method, calendar_ics

LA = ZoneInfo("America/Los_Angeles")
EVENT = CalendarEvent(
    uid="AB12CD34-feed@hearth",
    start=dt.datetime(2027, 3, 14, 1, 30, tzinfo=LA),  # the night of the spring change
    end=dt.datetime(2027, 3, 14, 3, 30, tzinfo=LA),
    title="Alex Morgan",
    description="Booking AB12CD34.",
    url="https://practice.example.org/admin/booking_admin/inspect/1/",
    stamped_at=dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC),
    modified_at=dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC),
    private=True,
)


def feed_ics(*, name: str, events: list[CalendarEvent], refresh_minutes: int) -> bytes:
    return calendar_ics(
        events=events,
        method=Method.PUBLISH,
        product="Practitioner feed",
        name=name,
        refresh_minutes=refresh_minutes,
    )


def test_the_feed_is_a_named_calendar_with_utc_times():
    body = feed_ics(name="Sam Rivera: bookings", events=[EVENT], refresh_minutes=15)
    calendar = Calendar.from_ical(body)
    assert (str(calendar["X-WR-CALNAME"]), str(calendar["METHOD"])) == (
        "Sam Rivera: bookings",
        "PUBLISH",
    )
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "AB12CD34-feed@hearth"
    # 01:30 PST is 09:30 UTC; 03:30 exists only as PDT, 10:30 UTC: one hour long.
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        dt.datetime(2027, 3, 14, 9, 30, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 14, 10, 30, tzinfo=dt.UTC),
    )
    assert b"DTSTART:20270314T093000Z" in body and b"REFRESH-INTERVAL;VALUE=DURATION:PT15M" in body
    assert (str(event["CLASS"]), str(event["TRANSP"]), "SEQUENCE" in event) == (
        "PRIVATE",
        "OPAQUE",
        False,
    )


def test_the_same_input_gives_the_same_bytes():
    first = feed_ics(name="S", events=[EVENT], refresh_minutes=15)
    assert feed_ics(name="S", events=[EVENT], refresh_minutes=15) == first


@pytest.mark.parametrize("method", list(Method))
def test_the_method_is_the_one_given_whatever_the_events_say(method):
    events = [EVENT, CalendarEvent(**(vars(EVENT) | {"uid": "X@hearth", "cancelled": True}))]
    calendar = Calendar.from_ical(
        calendar_ics(events=events, method=method, product="Appointments")
    )
    assert (str(calendar["METHOD"]), str(calendar["PRODID"])) == (
        method.value,
        "-//Hearth//Appointments//EN",
    )
    assert [str(e["STATUS"]) for e in calendar.walk("VEVENT")] == ["CONFIRMED", "CANCELLED"]
    assert "X-WR-CALNAME" not in calendar and "REFRESH-INTERVAL" not in calendar


def test_an_appointment_carries_its_sequence_place_and_organizer():
    event = CalendarEvent(
        uid="ABCDEFGH@hearth",
        start=dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC),
        end=dt.datetime(2027, 3, 10, 17, 50, tzinfo=dt.UTC),
        title="Appointment with Sam Rivera",
        description="To change or cancel: https://example.org/m/",
        url="https://meet.example.org/r",
        stamped_at=dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC),
        sequence=2,
        location="https://meet.example.org/r",
        organizer_email="hello@example.org",
        organizer_name="Sam Rivera",
    )
    body = calendar_ics(events=[event], method=Method.REQUEST, product="Appointments")
    [parsed] = Calendar.from_ical(body).walk("VEVENT")
    assert (parsed["SEQUENCE"], str(parsed["LOCATION"]), str(parsed["URL"])) == (
        2,
        "https://meet.example.org/r",
        "https://meet.example.org/r",
    )
    assert (str(parsed["ORGANIZER"]), str(parsed["ORGANIZER"].params["CN"])) == (
        "mailto:hello@example.org",
        "Sam Rivera",
    )
    assert b"DTSTAMP:20270301T120000Z" in body and "LAST-MODIFIED" not in parsed
