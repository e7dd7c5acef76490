"""Queues the messages of a registration change in the outbox, inside the caller's
transaction: the rows commit or roll back with the change, delivery follows the commit."""

import datetime as dt

from hearth.notifications.actions import Attachment, queue_email
from hearth.practice.models import Practice

from .messages import Message, MessageFacts, build_message, build_practitioner_note
from .models import Registration, Workshop
from .queries import waitlist_position
from .tasks import schedule_sweep
from .tokens import manage_url


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
        method = "CANCEL" if b"METHOD:CANCEL" in message.ics else "PUBLISH"
        attachments.append(
            Attachment("workshop.ics", message.ics.decode(), f"text/calendar; method={method}")
        )
    queue_email(
        to=registration.client_email, subject=message.subject, text=message.text,
        kind=f"workshop.{kind}", now=now, related=registration,
        reply_to=Practice.load().email, attachments=attachments,
    )  # fmt: skip
