"""The booking's page in the admin: what it shows, its buttons, their refusals."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.models import Booking
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.notifications.models import OutboxMessage
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
START = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)  # 9:00 PST, 12:00 EST


@pytest.fixture
def booking(practice):
    client = ClientDetails(
        name="Alex Morgan",
        email="alex@example.org",
        location="ID",
        timezone="America/New_York",
        text_ok=True,
    )
    with time_machine.travel(NOW, tick=False):
        booking = book_slot(
            service=practice["counseling"], start=START, client=client, now=NOW
        ).booking
    Booking.objects.filter(pk=booking.pk).update(video_url="https://meet.example.org/room1")
    return booking


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def page_of(admin_client, booking) -> str:
    return admin_client.get(f"/admin/booking_admin/inspect/{booking.pk}/").content.decode()


def test_the_booking_page_shows_contact_choices_first_and_both_zones(admin_client, booking):
    page = page_of(admin_client, booking)
    choices = ["OK to email", "OK to text", "<strong>No voicemail</strong>"]
    assert all(choice in page for choice in choices)
    assert page.index("No voicemail") < page.index("alex@example.org")
    assert "Wednesday, March 10, 2027, 9:00 AM – 9:50 AM PST" in page
    assert "Wednesday, March 10, 2027, 12:00 PM – 12:50 PM EST" in page
    assert "Counseling by video with Sam Rivera" in page
    assert 'href="https://meet.example.org/room1"' in page
    assert "Booked (client)" in page  # the history, from the audit trail
    assert f'href="/admin/clients/booking/{booking.pk}/">Alex Morgan</a>' in page
    assert f'href="/admin/booking_admin/cancel/{booking.pk}/"' in page
    assert "True" not in page.split('id="main"')[-1]


def test_cancel_asks_first_then_cancels_with_the_note_and_returns_to_the_page(
    admin_client, booking
):
    confirm = admin_client.get(f"/admin/booking_admin/cancel/{booking.pk}/").content.decode()
    assert "Yes, cancel this booking" in confirm and "12:00" not in confirm
    assert "Wed, Mar 10, 2027, 9:00 AM PST" in confirm
    assert Booking.objects.get().status == "confirmed"
    response = admin_client.post(
        f"/admin/booking_admin/cancel/{booking.pk}/", {"note": "I am unwell."}
    )
    assert response["Location"] == f"/admin/booking_admin/inspect/{booking.pk}/"
    assert Booking.objects.get().status == "cancelled"
    to_client = OutboxMessage.objects.get(kind="booking.cancelled_by_practice")
    assert "I am unwell." in to_client.text
    page = page_of(admin_client, booking)
    assert "Cancel this booking" not in page and "Cancelled (sam)" in page


def test_no_show_before_the_start_is_refused_and_nothing_changes(admin_client, booking):
    page = page_of(admin_client, booking)
    assert "Mark no-show" not in page
    assert "can be marked once the session has started" in page
    response = admin_client.post(
        f"/admin/booking_admin/attendance/{booking.pk}/", {"status": "no_show"}, follow=True
    )
    assert "This session has not started yet" in response.content.decode()
    assert Booking.objects.get().status == "confirmed"
    assert not AuditEntry.objects.filter(action="booking.no_show").exists()


def test_no_show_after_the_start_is_marked(admin_client, booking):
    with time_machine.travel(START + dt.timedelta(minutes=20), tick=False):
        sign_in_with_second_factor(
            admin_client, get_user_model().objects.get(username="sam")
        )  # a fresh session
        assert "Mark no-show" in page_of(admin_client, booking)
        admin_client.post(f"/admin/booking_admin/attendance/{booking.pk}/", {"status": "no_show"})
    assert Booking.objects.get().status == "no_show"
    assert AuditEntry.objects.get(action="booking.no_show").actor == "sam"


def test_the_practice_note_is_saved_from_the_page(admin_client, booking):
    admin_client.post(f"/admin/booking_admin/note/{booking.pk}/", {"note": "Call first"})
    assert Booking.objects.get().practice_note == "Call first"
    page = page_of(admin_client, booking)
    assert "Call first" in page and "Practice note changed (sam)" in page


def test_a_viewer_sees_the_page_without_buttons_and_cannot_mark(client, booking):
    from django.contrib.auth.models import Permission

    viewer = get_user_model().objects.create_user("viewer", password="x")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_booking"),
    )
    sign_in_with_second_factor(client, viewer)
    page = page_of(client, booking)
    assert "alex@example.org" in page and "Cancel this booking" not in page
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        sign_in_with_second_factor(client, viewer)
        client.post(f"/admin/booking_admin/attendance/{booking.pk}/", {"status": "no_show"})
        client.post(f"/admin/booking_admin/note/{booking.pk}/", {"note": "x"})
    assert Booking.objects.filter(status="confirmed", practice_note="").count() == 1
