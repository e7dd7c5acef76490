"""A pure iCalendar writer for one appointment: plain dataclass in, .ics bytes out.

Titles and descriptions carry the minimum (DESIGN "What a message may say"):
never the kind of service.
"""

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event, vText


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    start: dt.datetime  # aware
    end: dt.datetime  # aware
    title: str
    description: str
    url: str
    sequence: int = 0
    cancelled: bool = False


def appointment_ics(entry: CalendarEntry, *, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Hearth//Appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if entry.cancelled else "PUBLISH")
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", entry.start.astimezone(dt.UTC))
    event.add("dtend", entry.end.astimezone(dt.UTC))
    event.add("summary", vText(entry.title))
    event.add("description", vText(entry.description))
    event.add("url", entry.url)
    event.add("sequence", entry.sequence)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
