"""The pure feed writer: same input, same bytes; every time in UTC; the calendar named."""

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar

from hearth.calendars.feed_ics import FeedEvent, feed_ics

LA = ZoneInfo("America/Los_Angeles")
EVENT = FeedEvent(
    uid="AB12CD34-feed@hearth",
    start=dt.datetime(2027, 3, 14, 1, 30, tzinfo=LA),  # the night of the spring change
    end=dt.datetime(2027, 3, 14, 3, 30, tzinfo=LA),
    title="Alex Morgan",
    description="Booking AB12CD34.",
    url="https://practice.example.org/admin/booking_admin/inspect/1/",
    changed_at=dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC),
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
        dt.datetime(2027, 3, 14, 9, 30, tzinfo=dt.UTC), dt.datetime(2027, 3, 14, 10, 30, tzinfo=dt.UTC),
    )  # fmt: skip
    assert b"DTSTART:20270314T093000Z" in body and b"REFRESH-INTERVAL;VALUE=DURATION:PT15M" in body


def test_the_same_input_gives_the_same_bytes():
    first = feed_ics(name="S", events=[EVENT], refresh_minutes=15)
    assert feed_ics(name="S", events=[EVENT], refresh_minutes=15) == first
