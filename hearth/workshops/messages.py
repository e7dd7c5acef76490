"""What workshop messages say: pure builders from plain values to subject, text and .ics.

Minimum necessary (DESIGN "What a message may say"): the first name, times in
the client's zone with the zone named, the practitioner's name, the video link
or address, the manage link, the practice's contact. Never the workshop's
title or kind, which could say why someone attends.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

KINDS = ("confirmed", "waitlisted", "promoted", "offered", "cancelled", "workshop_cancelled")


@dataclass(frozen=True)
class MessageFacts:
    kind: str  # one of KINDS
    first_name: str
    reference: str
    zone: str  # the client's IANA zone
    sessions: tuple[tuple[dt.datetime, dt.datetime], ...]  # aware
    practitioner_name: str
    manage_url: str
    practice_contact: str
    video_url: str = ""
    address: str = ""
    position: int | None = None  # on the waitlist
    offer_expires_at: dt.datetime | None = None


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    ics: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _when(start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> str:
    start, end = start.astimezone(zone), end.astimezone(zone)
    return f"{start:%A, %B} {start.day}, {start:%Y}, {start:%-I:%M %p}–{end:%-I:%M %p}"


def _session_lines(facts: MessageFacts) -> list[str]:
    zone = ZoneInfo(facts.zone)
    return [f"  - {_when(start, end, zone)}" for start, end in facts.sessions] + [
        f"  (times in {facts.zone})"
    ]


def _where(facts: MessageFacts) -> list[str]:
    if facts.address:
        return [f"Where: {facts.address}"]
    if facts.video_url:
        return [f"Video link: {facts.video_url}"]
    return ["The video link will follow before the first session."]


def _footer(facts: MessageFacts) -> list[str]:
    lines = ["", f"To see or cancel your registration: {facts.manage_url}"]
    if facts.practice_contact:
        lines.append(f"Questions: {facts.practice_contact}")
    lines.append(f"Reference: {facts.reference}")
    return lines


def build_message(facts: MessageFacts, *, now: dt.datetime) -> Message:
    """The client's email for one change of their registration."""
    with_whom = f"with {facts.practitioner_name}"
    hello = f"Hello {facts.first_name},"
    if facts.kind == "confirmed":
        subject = f"Your workshop seat {with_whom} is confirmed"
        body = ["Your seat is confirmed for these sessions:", *_session_lines(facts),
                *_where(facts), "A calendar file with every session is attached."]  # fmt: skip
        ics = workshop_ics(facts, now=now)
    elif facts.kind == "waitlisted":
        subject = f"You are on the waitlist for the workshop {with_whom}"
        body = [f"The workshop is full. You are number {facts.position} on the waitlist.",
                "If a seat frees up, we will write to you straight away.",
                "The sessions:", *_session_lines(facts)]  # fmt: skip
        ics = None
    elif facts.kind == "offered":
        expires = facts.offer_expires_at.astimezone(ZoneInfo(facts.zone))  # type: ignore[union-attr]
        subject = f"A seat is free in the workshop {with_whom}"
        body = ["A seat has freed up and it is held for you until "
                f"{expires:%A, %B} {expires.day}, {expires:%-I:%M %p} ({facts.zone}).",
                "To take it, open the link below and choose \"Take the seat\".",
                "The sessions:", *_session_lines(facts)]  # fmt: skip
        ics = None
    elif facts.kind == "promoted":
        subject = f"Good news: you have a seat in the workshop {with_whom}"
        body = ["A seat has freed up and it is yours. Your seat is confirmed for:",
                *_session_lines(facts), *_where(facts),
                "A calendar file with every session is attached."]  # fmt: skip
        ics = workshop_ics(facts, now=now)
    elif facts.kind == "cancelled":
        subject = f"Your workshop registration {with_whom} is cancelled"
        body = ["Your registration is cancelled, as you asked. Nothing more is needed."]
        ics = workshop_ics(facts, now=now, cancelled=True)
    elif facts.kind == "workshop_cancelled":
        subject = f"The workshop {with_whom} is cancelled"
        body = [f"We are sorry: {facts.practitioner_name} has had to cancel the workshop.",
                "These sessions will not take place:", *_session_lines(facts)]  # fmt: skip
        ics = workshop_ics(facts, now=now, cancelled=True)
    else:
        raise ValueError(f"unknown message kind {facts.kind!r}")
    text = "\n".join([hello, "", *body, *_footer(facts)]) + "\n"
    return Message(subject=subject, text=text, ics=ics)


def build_practitioner_note(facts: MessageFacts, *, subject: str, body: str) -> Message:
    """The practitioner's own message to attendees, with the manage link under it."""
    text = "\n".join([f"Hello {facts.first_name},", "", body.strip(), *_footer(facts)]) + "\n"
    return Message(subject=subject, text=text)


def workshop_ics(facts: MessageFacts, *, now: dt.datetime, cancelled: bool = False) -> bytes:
    """One event per session, titled with the practitioner's name only."""
    calendar = Calendar()
    calendar.add("prodid", "-//Hearth//Workshops//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    for index, (start, end) in enumerate(facts.sessions, start=1):
        event = Event()
        event.add("uid", f"{facts.reference}-{index}@hearth")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", start.astimezone(dt.UTC))
        event.add("dtend", end.astimezone(dt.UTC))
        event.add("summary", vText(f"Workshop with {facts.practitioner_name}"))
        where = facts.address or facts.video_url
        description = f"To see or cancel: {facts.manage_url}"
        if where:
            event.add("location", vText(where))
        event.add("description", vText(description))
        event.add("url", facts.manage_url)
        event.add("sequence", 1 if cancelled else 0)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
