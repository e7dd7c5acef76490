"""What a registration change tells the client: outbox rows queued inside the caller's
transaction (they commit or roll back with the change, delivery follows the commit), with
texts rendered from templates under workshops/email/ and every session in one .ics file.

Minimum necessary (DESIGN "What a message may say"): the first name, times in the client's
zone with the zone named, the practitioner's name, the video link or address, the manage
link, the practice's contact. Never the workshop's title or kind, which could say why
someone attends.
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from hearth.notifications.actions import Attachment, queue_email
from hearth.notifications.ics import CalendarEvent, Method, calendar_ics
from hearth.notifications.rendering import render_email
from hearth.practice.fees import payment_text
from hearth.practice.models import Practice

from .models import Registration, Workshop
from .queries import waitlist_position
from .tasks import schedule_sweep
from .tokens import manage_url

# kind -> the method of the calendar file the email carries, None for no file.
CALENDAR_METHODS: dict[str, Method | None] = {
    "confirmed": Method.PUBLISH,
    "waitlisted": None,
    "promoted": Method.PUBLISH,
    "offered": None,
    "cancelled": Method.CANCEL,
    "workshop_cancelled": Method.CANCEL,
}
KINDS = tuple(CALENDAR_METHODS)


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
    fee: str = ""  # the fee and how it is paid (practice.fees.payment_text)


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    ics: bytes | None = None
    ics_method: Method | None = None  # the method `ics` was written with


def _render(template: str, facts: MessageFacts, **extra: object):
    """Times come out in the client's zone."""
    context = dataclasses.asdict(facts) | extra
    with timezone.override(ZoneInfo(facts.zone)):
        return render_email(f"workshops/email/{template}", context)


def build_message(facts: MessageFacts, *, now: dt.datetime) -> Message:
    """The client's email for one change of their registration (`facts.kind`, one of KINDS);
    raises ValueError for another kind."""
    if facts.kind not in CALENDAR_METHODS:
        raise ValueError(f"unknown message kind {facts.kind!r}")
    rendered = _render(facts.kind, facts)
    method = CALENDAR_METHODS[facts.kind]
    ics = None
    if method is not None:
        ics = workshop_ics(facts, now=now, cancelled=method == Method.CANCEL)
    return Message(subject=rendered.subject, text=rendered.text, ics=ics, ics_method=method)


def build_practitioner_note(facts: MessageFacts, *, subject: str, body: str) -> Message:
    """The practitioner's own message to attendees, with the manage link under it."""
    rendered = _render("message", facts, subject=subject, body=body.strip())
    return Message(subject=rendered.subject, text=rendered.text)


def workshop_ics(facts: MessageFacts, *, now: dt.datetime, cancelled: bool = False) -> bytes:
    """One event per session, titled with the practitioner's name only; CANCEL when
    `cancelled`, else PUBLISH."""
    where = facts.address or facts.video_url
    events = [
        CalendarEvent(
            uid=f"{facts.reference}-{index}@hearth",
            start=start,
            end=end,
            title=f"Workshop with {facts.practitioner_name}",
            description=f"To see or cancel: {facts.manage_url}",
            url=facts.manage_url,
            stamped_at=now,
            sequence=1 if cancelled else 0,
            cancelled=cancelled,
            location=where,
        )
        for index, (start, end) in enumerate(facts.sessions, start=1)
    ]
    method = Method.CANCEL if cancelled else Method.PUBLISH
    return calendar_ics(events=events, method=method, product="Workshops")


def facts_for(registration: Registration, kind: str) -> MessageFacts:
    workshop = registration.workshop
    practice = Practice.load()
    return MessageFacts(
        kind=kind,
        first_name=registration.client_name.split()[0] if registration.client_name else "",
        reference=registration.reference,
        zone=registration.client_timezone,
        sessions=tuple((s.start, s.end) for s in workshop.sessions.order_by("start")),
        practitioner_name=workshop.practitioner.name,
        manage_url=manage_url(registration),
        practice_contact=" or ".join(p for p in (practice.email, practice.phone) if p),
        video_url=workshop.video_url,
        address=workshop.address if workshop.format == "in_person" else "",
        position=waitlist_position(registration),
        offer_expires_at=registration.offer_expires_at,
        fee=payment_text(workshop.price_cents, workshop.currency, per="for all sessions"),
    )


def registration_changed(registration: Registration, kind: str, *, now: dt.datetime) -> None:
    """kind: confirmed, waitlisted, promoted (a seat or an offer), cancelled,
    workshop_cancelled."""
    if kind == "promoted" and registration.offer_expires_at is not None:
        kind = "offered"
    facts = facts_for(registration, kind)
    _queue(registration, build_message(facts, now=now), kind=kind, now=now)


def practitioner_message(
    registration: Registration, *, subject: str, body: str, now: dt.datetime
) -> None:
    facts = facts_for(registration, "confirmed")
    message = build_practitioner_note(facts, subject=subject, body=body)
    _queue(registration, message, kind="message", now=now)


def offers_made(workshop: Workshop, expires_at: dt.datetime | None) -> None:
    if expires_at is not None:
        schedule_sweep(expires_at)


def _queue(registration: Registration, message: Message, *, kind: str, now: dt.datetime) -> None:
    # Safe-contact preference: nothing is emailed to someone who said email is not safe.
    if not registration.contact_email_ok:
        return
    attachments = []
    if message.ics:
        attachments.append(
            Attachment(
                "workshop.ics", message.ics.decode(), f"text/calendar; method={message.ics_method}"
            )
        )
    queue_email(
        to=registration.client_email,
        subject=message.subject,
        text=message.text,
        kind=f"workshop.{kind}",
        now=now,
        related=registration,
        reply_to=Practice.load().email,
        attachments=attachments,
    )


PRACTITIONER_EVENTS = ("confirmed", "waitlisted", "cancelled")


def tell_practitioner(registration: Registration, event: str, *, now: dt.datetime) -> None:
    """A short notice to the workshop's practitioner of a new registration (`confirmed` or
    `waitlisted`) or a cancellation, as for bookings: the first session's time in their
    zone, the seat count, the reference and a link to the roster. No title, no client's
    words. Nothing when the practitioner has no email address."""
    workshop = registration.workshop
    practitioner = workshop.practitioner
    if event not in PRACTITIONER_EVENTS or not practitioner.email:
        return
    workshop.refresh_from_db(fields=["seats_taken"])
    first = workshop.sessions.order_by("start").first()
    roster = reverse("workshop_admin:roster", args=[workshop.pk])
    context = {
        "event": event,
        "reference": registration.reference,
        "first_start": first.start if first else None,
        "seats_taken": workshop.seats_taken,
        "capacity": workshop.capacity,
        "roster_url": f"{settings.HEARTH_SITE_URL}{roster}",
    }
    with timezone.override(ZoneInfo(practitioner.timezone)):
        rendered = render_email("workshops/email/practitioner_registration", context)
    queue_email(
        to=practitioner.email,
        subject=rendered.subject,
        text=rendered.text,
        kind=f"workshop.practitioner_{event}",
        now=now,
        related=registration,
    )
