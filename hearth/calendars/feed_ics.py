"""A pure iCalendar writer for a practitioner's subscription feed: plain data in, bytes out.

The same input always gives the same bytes (no "now" inside), so the feed's ETag can be
computed from its input. Titles carry the client's name and nothing of why they come
(DESIGN "What a message may say"): a subscribed calendar may be seen by others.
"""

import datetime as dt
from dataclasses import dataclass

from icalendar import Calendar, Event, vDuration, vText

PRODID = "-//Hearth//Practitioner feed//EN"


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    start: dt.datetime  # aware
    end: dt.datetime  # aware
    title: str
    description: str
    url: str
    changed_at: dt.datetime  # aware; DTSTAMP and LAST-MODIFIED
    cancelled: bool = False


def feed_ics(*, name: str, events: list[FeedEvent], refresh_minutes: int) -> bytes:
    """A VCALENDAR named `name`, with each event in UTC, in the order given."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # How often subscribers should poll (Apple and Outlook read these; Google polls on its own).
    every = vDuration(dt.timedelta(minutes=refresh_minutes))
    calendar.add("refresh-interval", every, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", every)
    for entry in events:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", entry.changed_at.astimezone(dt.UTC))
        event.add("last-modified", entry.changed_at.astimezone(dt.UTC))
        event.add("dtstart", entry.start.astimezone(dt.UTC))
        event.add("dtend", entry.end.astimezone(dt.UTC))
        event.add("summary", vText(entry.title))
        event.add("description", vText(entry.description))
        event.add("url", entry.url)
        event.add("class", "PRIVATE")
        event.add("transp", "OPAQUE")
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
