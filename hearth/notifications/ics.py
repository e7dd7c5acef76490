"""The one iCalendar writer: plain dataclasses in, .ics bytes out; it knows nothing of models.

The caller says what the file is for with an explicit METHOD (RFC 5546): PUBLISH for a
file or feed to keep, REQUEST for a new or changed appointment, CANCEL for a cancelled one.
One UID per appointment for its whole life and a rising SEQUENCE let calendars update the
one event in place. Nothing inside depends on the clock: the same input gives the same bytes.
Titles and descriptions carry the minimum (DESIGN "What a message may say").
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from icalendar import Calendar, Event, vCalAddress, vDuration, vText


class Method(StrEnum):
    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: dt.datetime  # aware; written in UTC
    end: dt.datetime  # aware; written in UTC
    title: str
    description: str
    url: str
    stamped_at: dt.datetime  # aware; DTSTAMP: when this version of the event was written
    modified_at: dt.datetime | None = None  # aware; LAST-MODIFIED, when known
    sequence: int | None = None  # None: no SEQUENCE line (a feed is replaced whole)
    cancelled: bool = False  # STATUS:CANCELLED, else CONFIRMED
    location: str = ""  # the video link or the address, when there is one
    private: bool = False  # CLASS:PRIVATE and shown as busy (TRANSP:OPAQUE)
    organizer_email: str = ""
    organizer_name: str = ""
    attendee_email: str = ""
    attendee_name: str = ""


def calendar_ics(
    *,
    events: Sequence[CalendarEvent],
    method: Method,
    product: str,
    name: str = "",
    refresh_minutes: int | None = None,
) -> bytes:
    """A VCALENDAR with `events` in the order given, its PRODID naming Hearth's `product`
    ("Appointments"); `name` titles a subscribed calendar and `refresh_minutes` tells
    subscribers how often to poll."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Hearth//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", Method(method).value)
    if name:
        calendar.add("x-wr-calname", name)
    if refresh_minutes is not None:
        # Apple and Outlook read these; Google polls on its own.
        every = vDuration(dt.timedelta(minutes=refresh_minutes))
        calendar.add("refresh-interval", every, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", every)
    for entry in events:
        calendar.add_component(_event(entry))
    return calendar.to_ical()


def _event(entry: CalendarEvent) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", entry.stamped_at.astimezone(dt.UTC))
    if entry.modified_at is not None:
        event.add("last-modified", entry.modified_at.astimezone(dt.UTC))
    event.add("dtstart", entry.start.astimezone(dt.UTC))
    event.add("dtend", entry.end.astimezone(dt.UTC))
    event.add("summary", vText(entry.title))
    event.add("description", vText(entry.description))
    if entry.location:
        event.add("location", vText(entry.location))
    event.add("url", entry.url)
    if entry.sequence is not None:
        event.add("sequence", entry.sequence)
    if entry.private:
        event.add("class", "PRIVATE")
        event.add("transp", "OPAQUE")
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
    return event
