"""Busy time from an iCalendar file: parse, expand recurring events, keep what blocks time.

Plain data in, plain data out: knows nothing of models or of HTTP.
"""

import datetime as dt
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


def parse_calendar(data: bytes) -> Calendar:
    """Raise CalendarFileError unless `data` is one iCalendar file (VCALENDAR)."""
    if not data.lstrip()[:15].upper().startswith(b"BEGIN:VCALENDAR"):
        raise CalendarFileError(
            "The address did not return a calendar file (it should start with BEGIN:VCALENDAR); "
            "check that it is the calendar's secret ICS address, not its web page."
        )
    try:
        return Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError) as error:
        # The parser's own message quotes the file (private events): keep it out.
        raise CalendarFileError(
            "The calendar file could not be read: it is not valid iCalendar. Check the "
            "address, or try again after the calendar has been saved."
        ) from error


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
        occurrences = recurring_ical_events.of(calendar, skip_bad_series=True).between(
            since, until
        )
        intervals = []
        for event in occurrences:
            interval = _interval(event, zone=zone, options=options)
            if interval is not None:
                intervals.append(interval)
    except (ValueError, TypeError, KeyError, recurring_ical_events.InvalidCalendar) as error:
        raise CalendarFileError(
            f"The calendar's events could not be read ({type(error).__name__}); a repeating "
            "event may have a rule this reader does not understand."
        ) from error
    return merge(intervals)


def _interval(event, *, zone: ZoneInfo, options: BusyOptions) -> BusyInterval | None:
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if (
        not options.include_transparent
        and str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
    ):
        return None
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND") if "DTEND" in event else None
    if not isinstance(start, dt.datetime):  # a date: an all-day event
        if not options.include_all_day:
            return None
        last = end if isinstance(end, dt.date) and end > start else start + dt.timedelta(days=1)
        return BusyInterval(_midnight(start, zone), _midnight(last, zone))
    if end is None:
        duration = event.decoded("DURATION") if "DURATION" in event else dt.timedelta(0)
        end = start + duration
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
