"""A pure iCalendar writer for one appointment: plain dataclass in, .ics bytes out.

Titles and descriptions carry the minimum (DESIGN "What a message may say"):
never the kind of service. One UID per booking for its whole life; SEQUENCE
rises with each change; METHOD REQUEST for a new or changed time, CANCEL for a
cancelled one (RFC 5546), so calendars update the one event in place.
"""

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event, vCalAddress, vText


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
    location: str = ""  # the video link, when there is one
    organizer_email: str = ""
    organizer_name: str = ""
    attendee_email: str = ""
    attendee_name: str = ""


def appointment_ics(entry: CalendarEntry, *, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Hearth//Appointments//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if entry.cancelled else "REQUEST")
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", entry.start.astimezone(dt.UTC))
    event.add("dtend", entry.end.astimezone(dt.UTC))
    event.add("summary", vText(entry.title))
    event.add("description", vText(entry.description))
    if entry.location:
        event.add("location", vText(entry.location))
    event.add("url", entry.location or entry.url)
    event.add("sequence", entry.sequence)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    if entry.organizer_email:
        organizer = vCalAddress(f"mailto:{entry.organizer_email}")
        if entry.organizer_name:
            organizer.params["cn"] = vText(entry.organizer_name)
        event.add("organizer", organizer)
    if entry.attendee_email:
        attendee = vCalAddress(f"mailto:{entry.attendee_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        if entry.attendee_name:
            attendee.params["cn"] = vText(entry.attendee_name)
        event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()
