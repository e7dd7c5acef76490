"""Busy time from an iCalendar file: parse, expand recurring events, keep what blocks time.

Plain data in, plain data out: knows nothing of models or of HTTP.
"""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar


class CalendarFileError(ValueError):
    """The file is not a calendar that can be read; the message says why, in plain words."""


@dataclass(frozen=True)
class BusyOptions:
    include_all_day: bool = False
    include_transparent: bool = False


@dataclass(frozen=True, order=True)
class BusyInterval:
    """Aware UTC start and end; `end` may equal `start` (an event with no length)."""

    start: dt.datetime
    end: dt.datetime


def parse_calendar(
    data: bytes, *, near: tuple[dt.datetime, dt.datetime] | None = None
) -> Calendar:
    """Raise CalendarFileError unless `data` is one iCalendar file (VCALENDAR).

    With `near` = (since, until), events that cannot meet [since, until) are left out
    before parsing (`events_near`): the same busy time for that window, read much faster.
    """
    if not data.lstrip()[:15].upper().startswith(b"BEGIN:VCALENDAR"):
        raise CalendarFileError(
            "The address did not return a calendar file (it should start with BEGIN:VCALENDAR); "
            "check that it is the calendar's secret ICS address, not its web page."
        )
    if near is not None:
        data = events_near(data, since=near[0], until=near[1])
    try:
        return Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError) as error:
        # The parser's own message quotes the file (private events): keep it out.
        raise CalendarFileError(
            "The calendar file could not be read: it is not valid iCalendar. Check the "
            "address, or try again after the calendar has been saved."
        ) from error


_FOLD = re.compile(rb"\r?\n[ \t]")
_EVENT = re.compile(rb"^BEGIN:VEVENT\r?$.*?^END:VEVENT\r?$\n?", re.M | re.S)
# An event with any of these may reach into the window from anywhere: always kept.
_REPEATS_OR_MOVES = re.compile(rb"^(?:RRULE|RDATE|EXDATE|RECURRENCE-ID|DURATION)[;:]", re.M)
_UID = re.compile(rb"^UID[;:]([^\r\n]*)", re.M)
_START_DAY = re.compile(rb"^DTSTART(?:;[^\r\n]*?)?:(\d{8})", re.M)
_END_DAY = re.compile(rb"^DTEND(?:;[^\r\n]*?)?:(\d{8})", re.M)
# Wall-clock dates are compared with the window's UTC dates: zones are at most 14 hours off.
_DAY_MARGIN = dt.timedelta(days=2)


def events_near(data: bytes, *, since: dt.datetime, until: dt.datetime) -> bytes:
    """The calendar file without the one-off events that end well before `since` or start
    well after `until` (by their dates, two days' margin), long lines unfolded.

    A personal calendar holds years of events and only a few months are ever expanded; most
    of the parsing went to events that could not matter. Kept whatever their dates: events
    that repeat, move or are moved (RRULE, RDATE, EXDATE, RECURRENCE-ID), that give a
    DURATION or no DTEND, that share their UID, or whose dates cannot be read; and the whole
    file when its events are not well nested.
    """
    text = _FOLD.sub(b"", data)
    if text.count(b"BEGIN:VEVENT") != text.count(b"END:VEVENT"):
        return data
    uid_counts = Counter(_UID.findall(text))
    first = (since - _DAY_MARGIN).strftime("%Y%m%d").encode()
    last = (until + _DAY_MARGIN).strftime("%Y%m%d").encode()

    def kept(match: re.Match) -> bytes:
        event = match.group(0)
        uid = _UID.search(event)
        start, end = _START_DAY.search(event), _END_DAY.search(event)
        if (
            _REPEATS_OR_MOVES.search(event)
            or uid is None
            or uid_counts[uid.group(1)] > 1
            or start is None
            or end is None
        ):
            return event
        start_day, end_day = start.group(1), end.group(1)
        if start_day > last or max(start_day, end_day) < first:
            return b""
        return event

    return _EVENT.sub(kept, text)


def busy_intervals(
    calendar: Calendar,
    *,
    since: dt.datetime,
    until: dt.datetime,
    zone: ZoneInfo,
    options: BusyOptions = BusyOptions(),
) -> list[BusyInterval]:
    """The busy time of events that meet [since, until), merged where it overlaps, sorted.

    Recurring events are expanded (RRULE, RDATE, EXDATE, moved occurrences by RECURRENCE-ID).
    Cancelled events never block; all-day events and events marked free (TRANSP:TRANSPARENT)
    block only when `options` say so. Floating times and all-day dates are read in `zone`
    (the practitioner's), unless the file names its own zone (X-WR-TIMEZONE).
    """
    try:
        intervals = []
        for component, start, end in _occurrences(calendar, since, until):
            interval = _interval(component, start, end, zone=zone, options=options)
            if interval is not None:
                intervals.append(interval)
    except (ValueError, TypeError, KeyError, recurring_ical_events.InvalidCalendar) as error:
        raise CalendarFileError(
            f"The calendar's events could not be read ({type(error).__name__}); a repeating "
            "event may have a rule this reader does not understand."
        ) from error
    return merge(intervals)


def _occurrences(calendar: Calendar, since: dt.datetime, until: dt.datetime):
    """(event, start, end) of each occurrence meeting [since, until).

    recurring-ical-events' public `between()` copies the whole event for every occurrence
    only to set its start and end, half of the expansion's time. Its occurrences carry the
    event (the moved one for a moved occurrence) and their start and end, which is all we
    read: used directly while they are there (the version is pinned, and a test compares
    the two ways), else the public way.
    """
    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    try:
        found = query._occurrences_between(query.to_datetime(since), query.to_datetime(until))
        return [(o._adapter._component, o.start, o.end) for o in found]
    except AttributeError:
        return [
            (event, event.decoded("DTSTART"), event.decoded("DTEND"))
            for event in query.between(since, until)
        ]


def _interval(event, start, end, *, zone: ZoneInfo, options: BusyOptions) -> BusyInterval | None:
    """`start` and `end` are the occurrence's (a date, or a datetime that may be floating)."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if (
        not options.include_transparent
        and str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
    ):
        return None
    if not isinstance(start, dt.datetime):  # a date: an all-day event
        if not options.include_all_day:
            return None
        last = end if isinstance(end, dt.date) and end > start else start + dt.timedelta(days=1)
        return BusyInterval(_midnight(start, zone), _midnight(last, zone))
    start, end = _utc(start, zone), _utc(end, zone)
    return BusyInterval(start, max(start, end))


def _midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)


def _utc(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    if moment.tzinfo is None:  # floating time: the practitioner's wall clock
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(dt.UTC)


def merge(intervals: list[BusyInterval]) -> list[BusyInterval]:
    """Sorted, with overlapping or touching intervals joined into one."""
    merged: list[BusyInterval] = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            if interval.end > merged[-1].end:
                merged[-1] = BusyInterval(merged[-1].start, interval.end)
        else:
            merged.append(interval)
    return merged
