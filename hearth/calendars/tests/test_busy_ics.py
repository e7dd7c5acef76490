"""The pure reader of calendar files: floating times, durations, merging, refusals."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events

from hearth.calendars.busy_ics import (
    BusyInterval,
    BusyOptions,
    CalendarFileError,
    _occurrences,
    busy_intervals,
    events_near,
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


# A year of calendar around the window: one-off events near and far, a series begun long
# before, a moved occurrence, an all-day day, a cancelled one, a folded line, a shared UID.
YEAR = files.calendar(
    files.event("far-before", "DTSTART:20261001T090000Z", "DTEND:20261001T100000Z"),
    files.event(
        "far-after", "DTSTART;TZID=Europe/Berlin:20270601T090000", "DTEND:20270601T100000Z"
    ),
    files.event("edge-before", "DTSTART:20270228T230000Z", "DTEND:20270301T010000Z"),
    files.event(
        "edge-after",
        "DTSTART;TZID=Pacific/Kiritimati:20270401T050000",
        "DTEND;TZID=Pacific/Kiritimati:20270401T060000",
    ),
    files.event("long", "DTSTART:20260101T000000Z", "DTEND:20270305T000000Z"),
    files.event(
        "inside",
        "DTSTART:20270310T160000Z",
        "DTEND:20270310T170000Z",
        "SUMMARY:A long summary",
        "  folded onto a second line",
    ),
    files.event("day", "DTSTART;VALUE=DATE:20270315", "DTEND;VALUE=DATE:20270316"),
    files.event(
        "cancelled", "DTSTART:20270311T160000Z", "DTEND:20270311T170000Z", "STATUS:CANCELLED"
    ),
    files.event("duration", "DTSTART:20261201T000000Z", "DURATION:P100D"),
    files.event("shared", "DTSTART:20261101T090000Z", "DTEND:20261101T100000Z"),
    files.event("shared", "DTSTART:20270320T090000Z", "DTEND:20270320T100000Z"),
    files.event(
        "series",
        "DTSTART;TZID=America/Los_Angeles:20260105T090000",
        "DTEND;TZID=America/Los_Angeles:20260105T100000",
        "RRULE:FREQ=WEEKLY",
    ),
    files.event(
        "series",
        "RECURRENCE-ID;TZID=America/Los_Angeles:20270308T090000",
        "DTSTART;TZID=America/Los_Angeles:20270308T130000",
        "DTEND;TZID=America/Los_Angeles:20270308T140000",
    ),
)


@pytest.mark.parametrize("all_day", [False, True])
def test_leaving_out_far_events_before_parsing_changes_no_busy_time(all_day):
    options = BusyOptions(include_all_day=all_day)
    whole = busy_intervals(
        parse_calendar(YEAR), since=SINCE, until=UNTIL, zone=LA, options=options
    )
    near = busy_intervals(
        parse_calendar(YEAR, near=(SINCE, UNTIL)),
        since=SINCE,
        until=UNTIL,
        zone=LA,
        options=options,
    )
    assert near == whole
    assert (whole[0].start, whole[0].end) == (utc("2026-01-01 00:00"), utc("2027-03-11 00:00"))


def test_only_far_one_off_events_are_left_out():
    kept = events_near(YEAR, since=SINCE, until=UNTIL)
    uids = [line for line in kept.decode().split("\r\n") if line.startswith("UID:")]
    assert uids == [
        "UID:edge-before",
        "UID:edge-after",
        "UID:long",
        "UID:inside",
        "UID:day",
        "UID:cancelled",
        "UID:duration",
        "UID:shared",
        "UID:shared",
        "UID:series",
        "UID:series",
    ]
    assert "SUMMARY:A long summary folded onto a second line" in kept.decode()


def test_events_not_well_nested_are_all_kept():
    broken = YEAR.replace(b"END:VEVENT\r\n", b"", 1)
    assert events_near(broken, since=SINCE, until=UNTIL) == broken


def test_the_quick_expansion_gives_what_the_public_one_gives():
    calendar = parse_calendar(YEAR)
    quick = sorted((e["UID"], s, t) for e, s, t in _occurrences(calendar, SINCE, UNTIL))
    public = sorted(
        (e["UID"], e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in recurring_ical_events.of(calendar, skip_bad_series=True).between(SINCE, UNTIL)
    )
    assert quick == public
    assert len(quick) == 12
