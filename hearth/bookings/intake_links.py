"""Bookings and the client's intake (hearth.intake): the packet opened when a counseling
booking is made, its link and status in words for the client's pages and emails, statuses for
the agenda in a constant number of queries, and the reminder while it is not complete."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hearth.intake.actions import packet_for
from hearth.intake.links import admin_url, intake_url
from hearth.intake.models import IntakePacket
from hearth.intake.queries import IntakeStatus, intake_status, packet_of, statuses_of
from hearth.notifications.actions import plan_message

from .models import Booking

INTAKE_REMINDER = "booking.intake_reminder"
REMINDER_HOURS = 48  # before the start, if the intake is still not complete

# The client's words for the status, for pages and emails (no document titles in emails).
CLIENT_WORDS = {
    "complete": "Your forms are complete. Thank you.",
    "started": "Your forms are saved but not finished.",
    "not_started": "Please fill in your forms before the appointment.",
}


@dataclass(frozen=True)
class BookingIntake:
    url: str  # the client's absolute link (as secret as the manage link)
    admin_url: str  # the practitioner's page of it (opening it is audited)
    status: IntakeStatus

    @property
    def client_words(self) -> str:
        return CLIENT_WORDS[self.status.state]

    @property
    def is_complete(self) -> bool:
        return self.status.state == "complete"


def open_intake(*, booking: Booking) -> IntakePacket | None:
    """For a new counseling booking, inside its transaction (before its messages, which link
    to it): the client's packet with the practitioner, made on first use."""
    if not booking.is_counseling:
        return None
    return packet_for(
        practitioner=booking.practitioner,
        email=booking.client_email,
        name=booking.client_name,
        timezone_name=booking.client_timezone,
    )


def plan_intake_reminder(*, booking: Booking, now: dt.datetime) -> None:
    """Planned for a counseling booking's (new) start when email is safe; the builder decides
    when due (intake still not complete, booking still at that time, email still safe)."""
    due_at = booking.start - dt.timedelta(hours=REMINDER_HOURS)
    if booking.is_counseling and due_at > now:
        plan_message(
            kind=INTAKE_REMINDER, related=booking, planned_for=booking.start, due_at=due_at
        )


def intake_of(booking: Booking) -> BookingIntake | None:
    """The intake of a counseling booking's client with its practitioner, or None (another
    kind, or no packet: a booking made before intakes existed)."""
    if not booking.is_counseling:
        return None
    packet = packet_of(practitioner_id=booking.practitioner_id, email=booking.client_email)
    if packet is None:
        return None
    return BookingIntake(intake_url(packet), admin_url(packet), intake_status(packet))


def intake_url_of(booking: Booking) -> str | None:
    """The API's `intake_url`: absolute, or None for other kinds."""
    if not booking.is_counseling:
        return None
    packet = packet_of(practitioner_id=booking.practitioner_id, email=booking.client_email)
    return intake_url(packet) if packet else None


def intakes_for(bookings: Iterable[Booking]) -> dict[int, BookingIntake]:
    """By booking id, for the counseling bookings among `bookings` whose client has a packet
    (services prefetched or selected): five queries however many bookings."""
    counseling = [booking for booking in bookings if booking.is_counseling]
    pairs = {(booking.practitioner_id, booking.client_email.lower()) for booking in counseling}
    if not pairs:
        return {}
    packets = {
        (packet.practitioner_id, packet.client_email): packet
        for packet in IntakePacket.objects.filter(
            practitioner_id__in={pair[0] for pair in pairs},
            client_email__in={pair[1] for pair in pairs},
        )
    }
    statuses = statuses_of(packets.values())
    found = {}
    for booking in counseling:
        packet = packets.get((booking.practitioner_id, booking.client_email.lower()))
        if packet is not None:
            status = statuses[packet.pk]
            found[booking.pk] = BookingIntake(intake_url(packet), admin_url(packet), status)
    return found
