"""Reads of a client's records in the admin: the booking's page shows the check-in and
records who opened it; the client's page lists those reads."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.checkin_actions import Location, confirm_check_in
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.intake.links import admin_url
from hearth.intake.models import IntakePacket
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
START = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)
CHECKED_IN_AT = dt.datetime(2027, 3, 9, 18, tzinfo=dt.UTC)


@pytest.fixture
def booking(practice):
    client = ClientDetails(
        name="Alex Morgan", email="Alex@Example.org", location="ID", timezone="America/New_York"
    )
    with time_machine.travel(NOW, tick=False):
        return book_slot(
            service=practice["counseling"], start=START, client=client, now=NOW
        ).booking


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def admin_client(client, clock):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def reads() -> list[tuple[str, str, str]]:
    return list(
        AuditEntry.objects.filter(action="booking.details_viewed").values_list(
            "actor", "object_type", "object_id"
        )
    )


def test_the_booking_page_shows_the_check_in_and_records_the_read(admin_client, booking):
    confirm_check_in(
        booking=booking,
        location=Location("OR", "4 Elm Road, Salem", "Jordan Lee", "+1 503 555 0100"),
        now=CHECKED_IN_AT,
    )
    page = admin_client.get(f"/admin/booking_admin/inspect/{booking.pk}/").content.decode()
    assert "<strong>Outside your licenses:</strong> you hold no license valid in Oregon" in page
    assert "<dt>Confirmed</dt><dd>Tuesday, March 9, 2027, 10:00 AM PST</dd>" in page
    assert "<dt>State</dt><dd>Oregon (OR)</dd>" in page
    assert "<dt>Address for the session</dt><dd>4 Elm Road, Salem</dd>" in page
    assert "<dt>Emergency contact</dt><dd>Jordan Lee, +1 503 555 0100</dd>" in page
    assert "Location confirmed at check-in: outside your licenses (client)" in page
    assert reads() == [("sam", "bookings.booking", str(booking.pk))]
    # Reads are not changes: the booking's history leaves them out.
    again = admin_client.get(f"/admin/booking_admin/inspect/{booking.pk}/").content.decode()
    assert "details_viewed" not in again and len(reads()) == 2


def test_a_booking_not_checked_in_says_so(admin_client, booking):
    page = admin_client.get(f"/admin/booking_admin/inspect/{booking.pk}/").content.decode()
    after = page.split('id="check-in">Check-in</h3>')[1]
    assert after.split()[:4] == ["<p>Not", "checked", "in", "yet.</p>"]


def test_the_client_page_lists_who_opened_their_records(admin_client, booking, practice, clock):
    clock.move_to(NOW + dt.timedelta(minutes=5))
    admin_client.get(f"/admin/booking_admin/inspect/{booking.pk}/")
    other = book_slot(
        service=practice["counseling"],
        start=START + dt.timedelta(hours=1),
        client=ClientDetails(
            name="B", email="b@example.org", location="ID", timezone="America/New_York"
        ),
        now=NOW,
    ).booking
    admin_client.get(f"/admin/booking_admin/inspect/{other.pk}/")
    page = admin_client.get(f"/admin/clients/booking/{booking.pk}/").content.decode()
    assert (
        f"<li>Mar 1, 2027, 4:05 AM PST: sam. Opened the booking&#x27;s details "
        f"(Booking {booking.reference})</li>"
    ) in page
    assert other.reference not in page
    assert page.count("Opened the booking") == 1
    # Opening the client's page is not itself a read of a booking's details.
    assert len(reads()) == 2


def test_someone_without_access_reads_nothing_and_leaves_no_entry(client, booking):
    user = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    sign_in_with_second_factor(client, user)
    response = client.get(f"/admin/booking_admin/inspect/{booking.pk}/")
    assert response.status_code in (302, 403)
    assert reads() == []


def test_opening_the_intake_is_listed_on_the_client_page(admin_client, booking, clock):
    packet = IntakePacket.objects.get()
    clock.move_to(NOW + dt.timedelta(minutes=7))
    assert admin_client.get(admin_url(packet)).status_code == 200
    page = admin_client.get(f"/admin/clients/booking/{booking.pk}/").content.decode()
    assert (
        "<li>Mar 1, 2027, 4:07 AM PST: sam. Opened the intake (Intake with Sam Rivera)</li>"
    ) in page
