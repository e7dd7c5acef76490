"""Writes of the rights app: erase what is held about a person, and anonymise past bookings.

An erased booking or registration stays as anonymous busy time: its times, service or
workshop, status and reference are kept; the name, email address, phone, message, the
practice's note and the location check-in go (and the client's intake packets, through
hearth.intake.rights), and so do the messages, reminders, request keys and rate counters that
could tie it back to the person. The audit trail records that an erasure happened and what
kinds of rows it touched, never who was erased.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from hearth.bookings.actions import KEY_SCOPE as BOOKING_SCOPE
from hearth.bookings.models import Booking, SessionCheckIn
from hearth.core.contact import ERASED_EMAIL_DOMAIN
from hearth.core.models import IdempotencyKey, RateCounter
from hearth.core.ratelimit import email_counter_key
from hearth.engagement.actions import pages_changed
from hearth.engagement.models import Comment
from hearth.intake.rights import erase_for
from hearth.notifications.models import OutboxMessage, PlannedMessage
from hearth.privacy.models import AuditEntry
from hearth.workshops.actions import KEY_SCOPE as REGISTRATION_SCOPE
from hearth.workshops.models import Registration

from .queries import BOOKING, REGISTRATION, HeldRecords, held_records, pointing_at

ERASED_NAME = "(erased)"
ERASED_COMMENTER = "A reader"
ERASED_DOMAIN = ERASED_EMAIL_DOMAIN  # .invalid never resolves: nothing can be sent there


@dataclass(frozen=True)
class Erasure:
    bookings: int
    registrations: int
    comments: int
    messages: int
    request_keys: int
    rate_counters: int
    check_ins: int = 0
    intake_packets: int = 0

    def as_detail(self) -> dict[str, int]:
        return {
            "bookings": self.bookings,
            "registrations": self.registrations,
            "comments": self.comments,
            "messages": self.messages,
            "request_keys": self.request_keys,
            "rate_counters": self.rate_counters,
            "check_ins": self.check_ins,
            "intake_packets": self.intake_packets,
        }


def _erased_email(prefix: str):
    """A distinct placeholder per row (one registration per address and workshop is unique)."""
    return Concat(Value(f"erased-{prefix}-"), Cast("pk", CharField()), Value(f"@{ERASED_DOMAIN}"))


def _contact_erased(prefix: str) -> dict:
    return {
        "client_name": ERASED_NAME,
        "client_email": _erased_email(prefix),
        "contact_email_ok": False,
        "contact_text_ok": False,
        "contact_voicemail_ok": False,
    }


def anonymise_bookings(bookings: QuerySet[Booking]) -> int:
    """Strip the client from these bookings; they stay as busy time. Returns how many."""
    ids = list(bookings.values_list("pk", flat=True))
    SessionCheckIn.objects.filter(booking_id__in=ids).delete()
    rows = Booking.objects.filter(pk__in=ids)
    changed = rows.update(
        **_contact_erased("booking"), client_phone="", message="", practice_note=""
    )
    _forget_related([(BOOKING, ids)], scope=BOOKING_SCOPE, ids=ids)
    return changed


def anonymise_registrations(registrations: QuerySet[Registration]) -> int:
    ids = list(registrations.values_list("pk", flat=True))
    changed = Registration.objects.filter(pk__in=ids).update(**_contact_erased("registration"))
    _forget_related([(REGISTRATION, ids)], scope=REGISTRATION_SCOPE, ids=ids)
    return changed


def _forget_related(pairs, *, scope: str, ids: list[int]) -> tuple[int, int]:
    """Delete the messages, planned reminders and request keys of these rows."""
    messages = OutboxMessage.objects.filter(pointing_at(pairs)).delete()[0]
    PlannedMessage.objects.filter(pointing_at(pairs)).delete()
    keys = IdempotencyKey.objects.filter(scope=scope, target_id__in=ids).delete()[0]
    return messages, keys


def erase_client(*, email: str, actor: str, now: dt.datetime) -> Erasure:
    """Erase everything held about `email` (any letter case) in one transaction."""
    with transaction.atomic():
        records = held_records(email=email)
        erasure = _erase(records)
        AuditEntry.objects.create(
            at=now,
            actor=actor,
            action="client.erased",
            object_type="rights.erasure",
            object_id="",
            detail=erasure.as_detail(),
        )
        if erasure.comments:
            pages_changed()  # a cached post may show the commenter's name
    forget_freed_pages()
    return erasure


def _erase(records: HeldRecords) -> Erasure:
    booking_ids = [b.pk for b in records.bookings]
    registration_ids = [r.pk for r in records.registrations]
    # Messages to the address, and about its records (the practice's notices included).
    messages = OutboxMessage.objects.filter(
        records.targets() | Q(recipient__iexact=records.email)
    ).delete()[0]
    keys = IdempotencyKey.objects.filter(
        Q(scope=BOOKING_SCOPE, target_id__in=booking_ids)
        | Q(scope=REGISTRATION_SCOPE, target_id__in=registration_ids)
    ).delete()[0]
    check_ins = SessionCheckIn.objects.filter(booking_id__in=booking_ids).count()
    bookings = anonymise_bookings(Booking.objects.filter(pk__in=booking_ids))
    packets = erase_for(email=records.email) if records.email else 0
    registrations = anonymise_registrations(Registration.objects.filter(pk__in=registration_ids))
    comments = Comment.objects.filter(pk__in=[c.pk for c in records.comments]).update(
        name=ERASED_COMMENTER, email=""
    )
    counters = RateCounter.objects.filter(key=email_counter_key(records.email)).delete()[0]
    return Erasure(bookings, registrations, comments, messages, keys, counters, check_ins, packets)


def forget_freed_pages() -> None:
    """SQLite keeps old copies of changed rows in the write-ahead log until a checkpoint;
    with secure_delete on (settings), a truncating checkpoint leaves none on disk."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def anonymise_past_bookings(*, days: int, now: dt.datetime) -> int:
    """Anonymise bookings that ended more than `days` days ago (the practice's setting)."""
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        past = Booking.objects.filter(end__lt=cutoff).exclude(
            client_email__endswith=f"@{ERASED_DOMAIN}"
        )
        return anonymise_bookings(past)
