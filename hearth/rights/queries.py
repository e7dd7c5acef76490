"""Reads of the rights app: everything the practice holds about one email address.

A person is known by their email address (case-insensitive), as in the admin's client
list. What is held: bookings (with their location check-ins), workshop registrations,
comments, intake packets (hearth.intake.rights), the messages sent to or about them (metadata
only: never the text), the audit entries of those records, who opened them in the admin, and
the privacy-notice consents and contact choices each booking and registration recorded.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from hearth.bookings.models import Booking, SessionCheckIn
from hearth.bookings.reads import ReadLine, reads_of
from hearth.engagement.models import Comment
from hearth.intake.rights import export_of
from hearth.notifications.models import OutboxMessage
from hearth.privacy.models import AuditEntry
from hearth.workshops.models import Registration

BOOKING = "bookings.booking"
REGISTRATION = "workshops.registration"
COMMENT = "engagement.comment"


@dataclass(frozen=True)
class HeldRecords:
    """The rows that hold something about one address (the erasure works on these)."""

    email: str
    bookings: list[Booking]
    registrations: list[Registration]
    comments: list[Comment]

    def targets(self) -> Q:
        """Rows of other tables that point at these records (outbox, audit)."""
        pairs = [
            (BOOKING, [b.pk for b in self.bookings]),
            (REGISTRATION, [r.pk for r in self.registrations]),
            (COMMENT, [c.pk for c in self.comments]),
        ]
        return pointing_at(pairs)

    @property
    def is_empty(self) -> bool:
        return not (self.bookings or self.registrations or self.comments)


def pointing_at(pairs: list[tuple[str, list[int]]], type_field: str = "related_type") -> Q:
    query = Q(pk__in=[])
    id_field = "related_id" if type_field == "related_type" else "object_id"
    for label, ids in pairs:
        if ids:
            values = ids if id_field == "related_id" else [str(pk) for pk in ids]
            query |= Q(**{type_field: label, f"{id_field}__in": values})
    return query


def held_records(*, email: str) -> HeldRecords:
    """The bookings, registrations and comments of `email` (any letter case)."""
    email = email.strip()
    if not email:
        return HeldRecords(email="", bookings=[], registrations=[], comments=[])
    return HeldRecords(
        email=email.lower(),
        bookings=list(
            Booking.objects.filter(client_email__iexact=email)
            .select_related("service", "practitioner", "check_in")
            .order_by("start", "pk")
        ),
        registrations=list(
            Registration.objects.filter(client_email__iexact=email)
            .select_related("workshop")
            .order_by("created_at", "pk")
        ),
        comments=list(
            Comment.objects.filter(email__iexact=email).select_related("page").order_by("pk")
        ),
    )


def messages_of(records: HeldRecords) -> list[OutboxMessage]:
    """Messages sent to the address or about its records (for the practice's notices)."""
    query = records.targets()
    if records.email:
        query |= Q(recipient__iexact=records.email)
    return list(OutboxMessage.objects.filter(query).order_by("created_at", "pk"))


def audit_entries_of(records: HeldRecords) -> list[AuditEntry]:
    pairs = [
        (BOOKING, [b.pk for b in records.bookings]),
        (REGISTRATION, [r.pk for r in records.registrations]),
        (COMMENT, [c.pk for c in records.comments]),
    ]
    query = pointing_at(pairs, type_field="object_type")
    return list(AuditEntry.objects.filter(query).order_by("at", "pk"))


def _when(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def _contact(row: Booking | Registration) -> dict:
    return {
        "name": row.client_name,
        "email": row.client_email,
        "location": row.location,
        "timezone": row.client_timezone,
    }


def _booking(booking: Booking) -> dict:
    return {
        "reference": booking.reference,
        "service": booking.service.name,
        "practitioner": booking.practitioner.name,
        "start": _when(booking.start),
        "end": _when(booking.end),
        "status": booking.status,
        **_contact(booking),
        "phone": booking.client_phone,
        "message": booking.message,
        "practice_note": booking.practice_note,
        "video_url": booking.video_url,
        "check_in": _check_in(booking),
        "created_at": _when(booking.created_at),
        "updated_at": _when(booking.updated_at),
    }


def _check_in(booking: Booking) -> dict | None:
    """Where the client said they were for the session (decrypted), or None."""
    try:
        check_in = booking.check_in
    except SessionCheckIn.DoesNotExist:
        return None
    return {
        "state": check_in.state,
        "address": check_in.address,
        "emergency_contact_name": check_in.emergency_name,
        "emergency_contact_phone": check_in.emergency_phone,
        "outside_practitioner_licenses": check_in.outside_licenses,
        "confirmed_at": _when(check_in.confirmed_at),
    }


def _read(line: ReadLine) -> dict:
    return {"at": _when(line.at), "by": line.actor, "action": line.action, "what": line.what}


def _registration(registration: Registration) -> dict:
    return {
        "reference": registration.reference,
        "workshop": registration.workshop.title,
        "status": registration.status,
        **_contact(registration),
        "created_at": _when(registration.created_at),
        "cancelled_at": _when(registration.cancelled_at),
    }


def _comment(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "page": comment.page.title,
        "name": comment.name,
        "email": comment.email,
        "body": comment.body,
        "status": comment.status,
        "created_at": _when(comment.created_at),
    }


def _message(message: OutboxMessage) -> dict:
    # Metadata only: the text of a message (with its manage link) is never exported.
    return {
        "kind": message.kind,
        "to": message.recipient,
        "subject": message.subject,
        "status": message.status,
        "about": f"{message.related_type}#{message.related_id}" if message.related_type else "",
        "created_at": _when(message.created_at),
        "sent_at": _when(message.sent_at),
    }


def _audit(entry: AuditEntry) -> dict:
    return {
        "at": _when(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "object": f"{entry.object_type}#{entry.object_id}",
        "detail": entry.detail,
    }


def _consent(kind: str, row: Booking | Registration) -> dict:
    return {
        "record": f"{kind} {row.reference}",
        "privacy_notice_agreed_at": _when(row.consent_at),
        "ok_to_email": row.contact_email_ok,
        "ok_to_text": row.contact_text_ok,
        "ok_to_leave_voicemail": row.contact_voicemail_ok,
    }


def client_export(*, email: str, now: dt.datetime) -> dict:
    """Everything held about `email`, as plain JSON-ready data (times in UTC, ISO 8601)."""
    records = held_records(email=email)
    return {
        "email": records.email,
        "exported_at": _when(now),
        "bookings": [_booking(b) for b in records.bookings],
        "workshop_registrations": [_registration(r) for r in records.registrations],
        "comments": [_comment(c) for c in records.comments],
        "messages": [_message(m) for m in messages_of(records)],
        "audit_entries": [_audit(e) for e in audit_entries_of(records)],
        **export_of(email=records.email),
        "reads_of_records": [_read(line) for line in reads_of(email=records.email)],
        "consents": [_consent("booking", b) for b in records.bookings]
        + [_consent("registration", r) for r in records.registrations],
    }
