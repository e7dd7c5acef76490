"""The practice's own writes on a booking: attendance, the private note, cancel with a note."""

import datetime as dt

import pytest
import time_machine

from hearth.bookings.actions import (
    ClientDetails,
    book_slot,
    cancel_booking,
    mark_attendance,
    set_practice_note,
)
from hearth.bookings.errors import InvalidBooking, NotConfirmed, NotStartedYet
from hearth.bookings.models import Booking, BookingStatus
from hearth.notifications.models import OutboxMessage
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
START = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)  # 9:00 in Los Angeles


@pytest.fixture
def booking(practice):
    client = ClientDetails(
        name="Alex Morgan",
        email="alex@example.org",
        location="ID",
        timezone="America/Los_Angeles",
    )
    with time_machine.travel(NOW, tick=False):
        return book_slot(
            service=practice["counseling"], start=START, client=client, now=NOW
        ).booking


def audit_actions() -> list[str]:
    """The booking's own entries (its client's intake has its own)."""
    return list(
        AuditEntry.objects.filter(object_type="bookings.booking")
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_no_show_cannot_be_marked_before_the_start_and_nothing_changes(booking):
    with pytest.raises(NotStartedYet) as refusal:
        mark_attendance(
            booking=booking,
            status=BookingStatus.NO_SHOW,
            now=START - dt.timedelta(minutes=1),
            actor="sam",
        )
    assert refusal.value.code == "not_started"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert audit_actions() == ["booking.created"]


def test_a_no_show_is_marked_once_the_start_has_passed_with_its_audit(booking):
    outbox_before = OutboxMessage.objects.count()
    marked = mark_attendance(booking=booking, status=BookingStatus.NO_SHOW, now=START, actor="sam")
    assert Booking.objects.get().status == marked.status == BookingStatus.NO_SHOW
    entry = AuditEntry.objects.get(action="booking.no_show")
    assert (entry.actor, entry.detail) == ("sam", {"previous": "confirmed"})
    assert OutboxMessage.objects.count() == outbox_before  # the client is not written to
    # Changing one's mind is allowed; marking the same twice records nothing new.
    mark_attendance(booking=booking, status=BookingStatus.COMPLETED, now=START, actor="sam")
    mark_attendance(booking=booking, status=BookingStatus.COMPLETED, now=START, actor="sam")
    assert Booking.objects.get().status == BookingStatus.COMPLETED
    assert audit_actions() == ["booking.created", "booking.no_show", "booking.completed"]


def test_a_cancelled_booking_cannot_be_marked(booking):
    cancel_booking(booking=booking, now=NOW, actor="sam")
    with pytest.raises(NotConfirmed):
        mark_attendance(booking=booking, status=BookingStatus.COMPLETED, now=START, actor="sam")
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert "booking.completed" not in audit_actions()


def test_attendance_is_only_completed_or_no_show(booking):
    with pytest.raises(InvalidBooking):
        mark_attendance(booking=booking, status=BookingStatus.CANCELLED, now=START, actor="sam")
    assert Booking.objects.get().status == BookingStatus.CONFIRMED


def test_the_practice_note_is_kept_and_audited_without_its_words(booking):
    set_practice_note(booking=booking, note="  Prefers mornings  ", actor="sam")
    set_practice_note(booking=booking, note="Prefers mornings", actor="sam")  # no change
    assert Booking.objects.get().practice_note == "Prefers mornings"
    entry = AuditEntry.objects.get(action="booking.note_changed")
    assert (entry.actor, entry.detail) == ("sam", {"note_length": 16})
    assert not OutboxMessage.objects.filter(text__contains="mornings").exists()


def test_the_practice_cancels_with_a_note_the_client_reads(booking):
    booking.practitioner.email = "sam@example.org"
    booking.practitioner.save()
    cancel_booking(booking=booking, now=NOW, actor="sam", note="I am unwell; sorry.")
    to_client = OutboxMessage.objects.get(kind="booking.cancelled_by_practice")
    assert to_client.recipient == "alex@example.org"
    assert "A note from Sam Rivera:\nI am unwell; sorry.\n" in to_client.text
    assert "I am unwell; sorry." in to_client.html
    to_practitioner = OutboxMessage.objects.get(kind="booking.practitioner_cancelled")
    assert "unwell" not in to_practitioner.text


def test_a_client_who_said_no_email_gets_no_cancellation_email(practice):
    client = ClientDetails(
        name="Alex",
        email="alex@example.org",
        location="ID",
        timezone="America/Los_Angeles",
        email_ok=False,
    )
    with time_machine.travel(NOW, tick=False):
        booking = book_slot(
            service=practice["counseling"], start=START, client=client, now=NOW
        ).booking
    cancel_booking(booking=booking, now=NOW, actor="sam", note="Sorry")
    assert not OutboxMessage.objects.filter(recipient="alex@example.org").exists()
