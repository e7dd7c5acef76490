import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.models import Booking
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(practice):
    client = ClientDetails(
        name="Alex",
        email="alex@example.org",
        phone="",
        location="ID",
        timezone="America/Los_Angeles",
    )
    start = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)
    return book_slot(service=practice["counseling"], start=start, client=client, now=NOW).booking


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def test_bookings_list_filters_and_inspects(admin_client, booking):
    listing = admin_client.get("/admin/booking_admin/").content.decode()
    assert booking.reference in listing and "Alex" in listing
    assert f'href="/admin/booking_admin/inspect/{booking.pk}/"' in listing
    cancelled_only = admin_client.get(
        "/admin/booking_admin/", {"status": "cancelled"}
    ).content.decode()
    assert booking.reference not in cancelled_only
    detail = admin_client.get(f"/admin/booking_admin/inspect/{booking.pk}/").content.decode()
    assert "alex@example.org" in detail


def test_practitioner_cancels_with_a_note_after_the_cutoff(admin_client, booking):
    response = admin_client.post(
        f"/admin/booking_admin/cancel/{booking.pk}/", {"note": "Asked by phone"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    entry = AuditEntry.objects.filter(action="booking.cancelled").get()
    assert (entry.actor, entry.detail) == ("sam", {"with_note": True})


def test_the_admin_has_no_add_or_edit_for_bookings(admin_client, booking):
    assert admin_client.get("/admin/booking_admin/new/").status_code == 404
    assert admin_client.get(f"/admin/booking_admin/edit/{booking.pk}/").status_code == 404
    assert Booking.objects.count() == 1


def test_anonymous_visitors_cannot_cancel(client, booking):
    response = client.post(f"/admin/booking_admin/cancel/{booking.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_cancel_needs_the_change_permission(client, booking):
    from django.contrib.auth.models import Permission

    viewer = get_user_model().objects.create_user("viewer", password="x")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_booking"),
    )
    sign_in_with_second_factor(client, viewer)
    assert client.get("/admin/booking_admin/").status_code == 200
    response = client.post(f"/admin/booking_admin/cancel/{booking.pk}/", {"note": "x"})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert not AuditEntry.objects.filter(action="booking.cancelled").exists()


def test_admin_times_read_in_the_practice_zone_with_its_abbreviation(admin_client, booking):
    # 17:00 UTC on March 10 is 9 a.m. in Los Angeles (PST), the practice's zone.
    listing = admin_client.get("/admin/booking_admin/").content.decode()
    assert "March 10, 2027, 9 a.m. PST" in listing
    assert "5 p.m." not in listing


def test_admin_times_follow_the_zone_the_user_chose(admin_client, booking):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="sam"))
    profile.current_time_zone = "America/New_York"
    profile.save()
    listing = admin_client.get("/admin/booking_admin/").content.decode()
    assert "March 10, 2027, noon EST" in listing


def test_a_new_admin_user_is_offered_the_practice_zone(admin_client):
    page = admin_client.get("/admin/account/").content.decode()
    assert '<option value="America/Los_Angeles" selected>' in page
