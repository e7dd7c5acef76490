"""The back-office pages for the practice's own writes: move a booking (from its page), book
for a client and block time (from the agenda). Refusals are messages; nothing changes."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.models import Booking
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.notifications.models import OutboxMessage
from hearth.practice.models import DateOverride
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
START = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)  # Wednesday 9:00 PST


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def booking(practice, now):
    client = ClientDetails(
        name="Alex Morgan", email="alex@example.org", location="ID", timezone="America/New_York"
    )
    return book_slot(service=practice["counseling"], start=START, client=client, now=now).booking


@pytest.fixture
def admin_client(client, now):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_booking_page_links_to_move_and_the_move_page_lists_that_days_times(
    admin_client, booking
):
    page = admin_client.get(f"/admin/booking_admin/inspect/{booking.pk}/").content.decode()
    assert f'href="/admin/booking_admin/move/{booking.pk}/"' in page
    page = admin_client.get(
        f"/admin/booking_admin/move/{booking.pk}/", {"date": "2027-03-10"}
    ).content.decode()
    assert "Free times on Wednesday, March 10, 2027 (America/Los_Angeles)" in page
    assert (
        'value="2027-03-10T17:30:00+00:00"' in page and 'value="2027-03-10T18:00:00+00:00"' in page
    )
    assert 'value="2027-03-10T17:00:00+00:00"' not in page  # its own time
    assert "9:30 AM PST" in page and "12:30 PM EST for the client" in page


def test_the_practitioner_moves_a_booking_and_the_client_is_told(admin_client, booking):
    response = admin_client.post(
        f"/admin/booking_admin/move/{booking.pk}/",
        {"start": "2027-03-10T18:00:00+00:00"},
        follow=True,
    )
    assert messages_of(response) == [
        f"Booking {booking.reference} moved to Wednesday, March 10, 10:00 AM PST. "
        "The client is emailed."
    ]
    assert Booking.objects.get().start == dt.datetime(2027, 3, 10, 18, tzinfo=dt.UTC)
    assert AuditEntry.objects.get(action="booking.rescheduled").actor == "sam"
    assert OutboxMessage.objects.filter(
        kind="booking.moved", recipient="alex@example.org"
    ).exists()
    assert "Moved to a new time (sam)" in response.content.decode()


def test_a_refused_move_shows_why_and_changes_nothing(admin_client, booking, practice):
    other = book_slot(
        service=practice["counseling"],
        start=START + dt.timedelta(hours=1),
        client=ClientDetails(
            name="Blake", email="b@example.org", location="ID", timezone="America/New_York"
        ),
        now=NOW,
    ).booking
    audits, outbox = AuditEntry.objects.count(), OutboxMessage.objects.count()
    for start in (other.start.isoformat(), "not a time", "2027-03-10T18:00:00"):
        response = admin_client.post(
            f"/admin/booking_admin/move/{booking.pk}/", {"start": start}, follow=True
        )
        assert response.status_code == 200
        assert messages_of(response) in (
            ["That time was just taken. Please choose another time."],
            ["Choose one of the times."],
        )
    booking.refresh_from_db()
    assert (booking.start, booking.sequence) == (START, 0)
    assert (AuditEntry.objects.count(), OutboxMessage.objects.count()) == (audits, outbox)


def test_the_practitioner_books_for_a_client_from_the_agenda(admin_client, practice):
    agenda = admin_client.get("/admin/agenda/", {"date": "2027-03-10"}).content.decode()
    assert 'href="/admin/agenda/book/?date=2027-03-10"' in agenda
    choice = {
        "service": practice["counseling"].pk,
        "date": "2027-03-10",
        "location": "ID",
        "timezone": "America/Chicago",
    }
    page = admin_client.get("/admin/agenda/book/", choice).content.decode()
    assert page.count('name="start"') == 3  # 9:00, 9:30 and 10:00
    assert "11:00 AM CST for the client" in page
    response = admin_client.post(
        "/admin/agenda/book/",
        choice
        | {
            "start": "2027-03-10T17:30:00+00:00",
            "name": "Riley Chen",
            "email": "riley@example.org",
            "phone": "555-0100",
            "email_ok": "on",
            "consent": "on",
        },
        follow=True,
    )
    booking = Booking.objects.get()
    assert messages_of(response) == [
        f"Booked {booking.reference} for Riley Chen on Wednesday, March 10, 9:30 AM PST. "
        "The client is emailed."
    ]
    assert (booking.start, booking.location, booking.client_timezone) == (
        dt.datetime(2027, 3, 10, 17, 30, tzinfo=dt.UTC),
        "ID",
        "America/Chicago",
    )
    assert (booking.contact_email_ok, booking.contact_text_ok) == (True, False)
    entry = AuditEntry.objects.get(action="booking.created")
    assert (entry.actor, entry.detail["by_practice"]) == ("sam", True)


def test_booking_counseling_for_a_client_in_an_unlicensed_state_is_refused(admin_client, practice):
    choice = {
        "service": practice["counseling"].pk,
        "date": "2027-03-10",
        "location": "TX",
        "timezone": "America/Chicago",
    }
    page = admin_client.get("/admin/agenda/book/", choice).content.decode()
    assert 'name="start"' not in page
    assert "No free time that day for this service and state." in page
    response = admin_client.post(
        "/admin/agenda/book/",
        choice
        | {
            "start": "2027-03-10T17:30:00+00:00",
            "name": "Riley Chen",
            "email": "riley@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert messages_of(response) == [
        "Counseling by video is available only while you are physically in Idaho or "
        "Washington during the session."
    ]
    assert (Booking.objects.count(), AuditEntry.objects.count()) == (0, 0)
    assert OutboxMessage.objects.count() == 0


def test_a_booking_for_a_client_without_consent_is_not_made(admin_client, practice):
    response = admin_client.post(
        "/admin/agenda/book/",
        {
            "service": practice["consultation"].pk,
            "date": "2027-03-10",
            "location": "TX",
            "timezone": "America/Chicago",
            "start": "2027-03-10T17:00:00+00:00",
            "name": "Riley Chen",
            "email": "riley@example.org",
        },
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Booking.objects.count() == 0


def test_the_practitioner_blocks_a_few_hours_and_gives_them_back(admin_client, practice):
    sam = practice["sam"]
    response = admin_client.post(
        "/admin/agenda/block/",
        {"practitioner": sam.pk, "date": "2027-03-10", "start": "09:00", "end": "10:00"},
        follow=True,
    )
    assert messages_of(response) == [
        "Time off on Wednesday, March 10: 09:00-10:00. No one can book it now."
    ]
    assert DateOverride.objects.get().windows == "10:00-11:00"
    page = response.content.decode()
    assert "Own hours" in page and "Open only 10:00-11:00" in page
    response = admin_client.post(
        "/admin/agenda/unblock/", {"practitioner": sam.pk, "date": "2027-03-10"}, follow=True
    )
    assert messages_of(response) == ["Wednesday, March 10 has its usual weekly hours again."]
    assert DateOverride.objects.count() == 0
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "practice.time_blocked",
        "practice.time_unblocked",
    ]


def test_a_whole_day_off_says_which_bookings_still_stand(admin_client, practice, booking):
    response = admin_client.post(
        "/admin/agenda/block/",
        {"practitioner": practice["sam"].pk, "date": "2027-03-10", "whole_day": "on"},
        follow=True,
    )
    assert messages_of(response) == [
        "Time off on Wednesday, March 10: the whole day. No one can book it now. "
        "1 booking(s) already there still stand: move or cancel them."
    ]
    assert DateOverride.objects.get().windows == ""


def test_bad_time_off_is_refused_with_a_message_and_nothing_written(admin_client, practice):
    for data, why in (
        ({"date": "2027-03-10", "start": "10:00", "end": "09:00"}, "The end must be after"),
        ({"date": "2027-03-10"}, "Give a start and an end, or choose the whole day."),
        ({"date": "not a date", "whole_day": "on"}, "Enter a valid date."),
    ):
        response = admin_client.post(
            "/admin/agenda/block/", {"practitioner": practice["sam"].pk} | data
        )
        assert response.status_code == 200
        assert why in response.content.decode()
    assert (DateOverride.objects.count(), AuditEntry.objects.count()) == (0, 0)
    response = admin_client.post("/admin/agenda/unblock/", {"practitioner": "x", "date": "y"})
    assert response.status_code == 404


def test_viewers_cannot_move_book_or_block(client, booking, practice, now):
    viewer = get_user_model().objects.create_user("viewer", password="x")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_booking"),
    )
    sign_in_with_second_factor(client, viewer)
    refused = [
        client.post(f"/admin/booking_admin/move/{booking.pk}/", {"start": "2027-03-10T18:00Z"}),
        client.get("/admin/agenda/book/"),
        client.post("/admin/agenda/block/", {"date": "2027-03-10", "whole_day": "on"}),
        client.post("/admin/agenda/unblock/", {"practitioner": practice["sam"].pk}),
    ]
    assert [(r.status_code, r["Location"]) for r in refused] == [(302, "/admin/")] * 4
    assert Booking.objects.get().start == START
    assert DateOverride.objects.count() == 0
    # The booking's creation, and its client's intake opened with it.
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "booking.created",
        "intake.created",
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/agenda/book/?service=abc&date=2027-13-45&location=ZZ&timezone=Mars/Base",
        "/admin/agenda/book/?service=999999&date=2027-03-10&location=ID&timezone=UTC",
        "/admin/agenda/block/?date=garbage",
        "/admin/agenda/?date=garbage&view=month",
    ],
)
def test_odd_addresses_give_a_page_not_an_error(admin_client, booking, path):
    assert admin_client.get(path).status_code == 200
    move = admin_client.get(f"/admin/booking_admin/move/{booking.pk}/", {"date": "x"})
    assert move.status_code == 200
    assert Booking.objects.get().start == START


def test_a_forged_booking_post_with_odd_fields_books_nothing(admin_client, practice):
    response = admin_client.post(
        "/admin/agenda/book/",
        {
            "service": practice["counseling"].pk,
            "date": "2027-03-10",
            "location": "ID",
            "timezone": "America/Chicago",
            "start": "yesterday",
            "name": "\u202eRiley",
            "email": "not-an-email",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid date/time." in page and "Enter a valid email address." in page
    assert Booking.objects.count() == 0
