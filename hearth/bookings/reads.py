"""Who read a client's records in the admin, and when: the audit entries of reads of their
bookings' details and of their intake, for the client's page and their export."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from hearth.intake.models import IntakePacket
from hearth.privacy.models import AuditEntry

from .models import Booking

BOOKING = Booking._meta.label_lower
PACKET = IntakePacket._meta.label_lower

READ_WORDS = {
    "booking.details_viewed": "Opened the booking's details",
    "intake.viewed": "Opened the intake",
}


@dataclass(frozen=True)
class ReadLine:
    at: dt.datetime
    actor: str  # the username of who read
    action: str  # "booking.details_viewed" | "intake.viewed"
    what: str  # in words: "Booking R7K2…" or "Intake with Sam Rivera"

    @property
    def words(self) -> str:
        return READ_WORDS.get(self.action, self.action)


def reads_of(*, email: str) -> list[ReadLine]:
    """Every read of the records held for `email` (case-insensitive): their bookings'
    details and their intake with each practitioner, newest first (three queries)."""
    bookings = Booking.objects.filter(client_email__iexact=email.strip())
    references = {str(pk): reference for pk, reference in bookings.values_list("pk", "reference")}
    packets = {
        str(pk): name
        for pk, name in IntakePacket.objects.filter(
            client_email=email.strip().lower()
        ).values_list("pk", "practitioner__name")
    }
    entries = AuditEntry.objects.filter(
        Q(
            object_type=BOOKING,
            object_id__in=list(references),
            action="booking.details_viewed",
        )
        | Q(object_type=PACKET, object_id__in=list(packets), action="intake.viewed")
    ).order_by("-at", "-id")
    return [
        ReadLine(
            entry.at,
            entry.actor,
            entry.action,
            f"Booking {references[entry.object_id]}"
            if entry.object_type == BOOKING
            else f"Intake with {packets[entry.object_id]}",
        )
        for entry in entries
    ]
