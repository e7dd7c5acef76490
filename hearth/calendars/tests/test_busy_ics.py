"""The pure reader of calendar files: floating times, durations, merging, refusals."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hearth.calendars.busy_ics import (
    BusyInterval,
    CalendarFileError,
    busy_intervals,
    merge,
    parse_calendar,
)

from . import files

LA = ZoneInfo("America/Los_Angeles")
SINCE = dt.datetime(2027, 3, 1, tzinfo=dt.UTC)
UNTIL = dt.datetime(2027, 4, 1, tzinfo=dt.UTC)


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def read(body: bytes, **options) -> list[tuple[dt.datetime, dt.datetime]]:
    intervals = busy_intervals(parse_calendar(body), since=SINCE, until=UNTIL, zone=LA, **options)
    return [(i.start, i.end) for i in intervals]


def test_floating_times_are_the_practitioners_wall_clock():
    body = files.calendar(files.event("f", "DTSTART:20270303T090000", "DTEND:20270303T100000"))
    assert read(body) == [(utc("2027-03-03 17:00"), utc("2027-03-03 18:00"))]


def test_a_calendar_zone_named_by_x_wr_timezone_is_honoured():
    body = files.calendar(
        files.event("g", "DTSTART:20270303T090000", "DTEND:20270303T100000"),
        extra="X-WR-TIMEZONE:America/New_York",
    )
    assert read(body) == [(utc("2027-03-03 14:00"), utc("2027-03-03 15:00"))]


def test_a_duration_or_no_end_at_all():
    body = files.calendar(
        files.event("d", "DTSTART:20270303T170000Z", "DURATION:PT45M"),
        files.event("z", "DTSTART:20270304T170000Z"),
    )
    assert read(body) == [
        (utc("2027-03-03 17:00"), utc("2027-03-03 17:45")),
        (utc("2027-03-04 17:00"), utc("2027-03-04 17:00")),
    ]


def test_overlapping_and_touching_events_merge_into_one_block():
    body = files.calendar(
        files.event("a", "DTSTART:20270303T170000Z", "DTEND:20270303T180000Z"),
        files.event("b", "DTSTART:20270303T173000Z", "DTEND:20270303T174500Z"),
        files.event("c", "DTSTART:20270303T180000Z", "DTEND:20270303T183000Z"),
        files.event("d", "DTSTART:20270303T190000Z", "DTEND:20270303T193000Z"),
    )
    assert read(body) == [
        (utc("2027-03-03 17:00"), utc("2027-03-03 18:30")),
        (utc("2027-03-03 19:00"), utc("2027-03-03 19:30")),
    ]


def test_merge_keeps_the_longer_end():
    a = BusyInterval(utc("2027-03-03 17:00"), utc("2027-03-03 20:00"))
    b = BusyInterval(utc("2027-03-03 18:00"), utc("2027-03-03 19:00"))
    assert merge([b, a]) == [a]


def test_events_outside_the_window_are_left_out():
    body = files.calendar(files.event("old", "DTSTART:20260303T170000Z", "DTEND:20260303T180000Z"))
    assert read(body) == []


@pytest.mark.parametrize(
    ("body", "start"),
    [
        (files.HTML_PAGE, "The address did not return a calendar file"),
        (b"", "The address did not return a calendar file"),
        (files.BROKEN, "The calendar file could not be read"),
    ],
)
def test_what_is_not_a_calendar_is_refused_in_plain_words(body, start):
    with pytest.raises(CalendarFileError) as error:
        read(body)
    assert str(error.value).startswith(start)
