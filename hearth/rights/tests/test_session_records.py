"""Export and erasure of what the pre-session steps hold: location check-ins, the intake and
who opened the client's records in the admin."""

import datetime as dt

import pytest

from hearth.bookings.models import Booking, SessionCheckIn
from hearth.bookings.tests.factories import BookingFactory
from hearth.intake.actions import packet_for, record_admin_read, save_intake
from hearth.intake.models import IntakeAnswer, IntakePacket
from hearth.intake.tests.factories import QuestionFactory
from hearth.practice.models import ServiceKind
from hearth.practice.tests.factories import PractitionerFactory, ServiceFactory
from hearth.privacy.actions import record_audit
from hearth.privacy.models import AuditEntry
from hearth.rights.actions import anonymise_past_bookings, erase_client
from hearth.rights.queries import client_export

pytestmark = pytest.mark.django_db
AT = dt.datetime(2027, 3, 9, 18, tzinfo=dt.UTC)


@pytest.fixture
def held():
    sam = PractitionerFactory(name="Sam Rivera")
    service = ServiceFactory(kind=ServiceKind.CLINICAL, practitioners=[sam])
    booking = BookingFactory(
        service=service, practitioner=sam, client_email="Robin.Hale@example.org"
    )
    other = BookingFactory(
        service=service,
        practitioner=sam,
        client_email="someone@example.org",
        start=dt.datetime(2027, 3, 11, 17, tzinfo=dt.UTC),
    )
    SessionCheckIn.objects.create(
        booking=booking,
        state="OR",
        address="4 Elm Road, Salem",
        emergency_name="Jordan Lee",
        emergency_phone="+1 503 555 0100",
        outside_licenses=True,
        confirmed_at=AT,
    )
    SessionCheckIn.objects.create(
        booking=other,
        state="WA",
        address="1 Main St",
        emergency_name="Kim",
        emergency_phone="1",
        confirmed_at=AT,
    )
    packet = packet_for(practitioner=sam, email=booking.client_email, name="Robin Hale")
    question = QuestionFactory(label="What brings you here?", required=True)
    save_intake(packet=packet, answers={question.pk: "Sleep"}, signatures={}, submit=False)
    record_audit(actor="sam", action="booking.details_viewed", target=booking)
    record_audit(actor="sam", action="booking.details_viewed", target=other)
    record_admin_read(packet=packet, actor="sam")
    return booking, other, packet


def test_the_export_holds_check_ins_intake_and_reads(held):
    booking, _, _ = held
    data = client_export(email="robin.hale@EXAMPLE.org", now=AT)
    assert data["bookings"][0]["check_in"] == {
        "state": "OR",
        "address": "4 Elm Road, Salem",
        "emergency_contact_name": "Jordan Lee",
        "emergency_contact_phone": "+1 503 555 0100",
        "outside_practitioner_licenses": True,
        "confirmed_at": "2027-03-09T18:00:00+00:00",
    }
    (exported,) = data["intake_packets"]
    assert (exported["practitioner"], exported["name"]) == ("Sam Rivera", "Robin Hale")
    assert exported["answers"] == [{"question": "What brings you here?", "answer": "Sleep"}]
    reads = [(r["by"], r["action"], r["what"]) for r in data["reads_of_records"]]
    assert reads == [
        ("sam", "intake.viewed", "Intake with Sam Rivera"),
        ("sam", "booking.details_viewed", f"Booking {booking.reference}"),
    ]


def test_a_booking_without_check_in_exports_none(held):
    _, other, _ = held
    SessionCheckIn.objects.filter(booking=other).delete()
    assert client_export(email="someone@example.org", now=AT)["bookings"][0]["check_in"] is None


def test_erasure_clears_check_ins_and_the_intake_and_nothing_of_others(held):
    booking, other, _ = held
    erasure = erase_client(email="ROBIN.HALE@example.org", actor="sam", now=AT)
    assert (erasure.check_ins, erasure.intake_packets) == (1, 1)
    assert list(SessionCheckIn.objects.values_list("booking_id", flat=True)) == [other.pk]
    assert IntakePacket.objects.count() == 0 and IntakeAnswer.objects.count() == 0
    assert Booking.objects.get(pk=booking.pk).client_name == "(erased)"
    entry = AuditEntry.objects.get(action="client.erased")
    assert (entry.detail["check_ins"], entry.detail["intake_packets"]) == (1, 1)
    assert SessionCheckIn.objects.get().emergency_name == "Kim"


def test_retention_drops_the_check_ins_of_the_bookings_it_anonymises(held):
    booking, other, _ = held
    Booking.objects.filter(pk=other.pk).update(end=dt.datetime(2027, 6, 1, tzinfo=dt.UTC))
    assert anonymise_past_bookings(days=30, now=dt.datetime(2027, 5, 1, tzinfo=dt.UTC)) == 1
    assert list(SessionCheckIn.objects.values_list("booking_id", flat=True)) == [other.pk]
    assert Booking.objects.get(pk=booking.pk).client_name == "(erased)"
