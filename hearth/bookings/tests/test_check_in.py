"""The location check-in of counseling sessions: the manage page's card, the form, the
out-of-state ending, its refusals (nothing changes) and the practitioner's notice."""

import datetime as dt

import pytest
import time_machine
from django.db import connection

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.checkin_actions import Location, confirm_check_in
from hearth.bookings.errors import CheckInClosed
from hearth.bookings.models import SessionCheckIn
from hearth.bookings.tokens import manage_token
from hearth.core.testing import form_fields
from hearth.notifications.models import OutboxMessage
from hearth.notifications.rendering import forbidden_words_in
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
START = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)  # Wed 9:00 PST, 12:00 EST
INSIDE = dt.datetime(2027, 3, 9, 18, tzinfo=dt.UTC)  # 23 hours before: the window is open
ANSWERS = {
    "state": "ID",
    "address": "12 Pine Street, Boise, ID 83702",
    "emergency_name": "Jordan Lee",
    "emergency_phone": "+1 208 555 0142",
}


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def book(practice, start=START, service="counseling", email="alex@example.org"):
    client = ClientDetails(
        name="Alex Morgan", email=email, location="ID", timezone="America/New_York"
    )
    return book_slot(service=practice[service], start=start, client=client, now=NOW).booking


@pytest.fixture
def booking(practice, clock):
    practice["sam"].email = "sam@practice.example"
    practice["sam"].save()
    return book(practice)


def check_in_page(client, booking) -> str:
    return f"/book/manage/{manage_token(booking.pk)}/check-in/"


def manage_page(client, booking) -> str:
    return client.get(f"/book/manage/{manage_token(booking.pk)}/").content.decode()


def notices() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind="booking.practitioner_outside_licenses"))


def test_before_the_window_the_card_says_when_check_in_opens(client, booking):
    page = manage_page(client, booking)
    assert "Check-in opens on Tuesday, March 9 at 12:00 PM EST." in page
    assert 'href="/book/manage/' not in page.split('id="check-in"')[1].split("</section>")[0]
    response = client.get(check_in_page(client, booking))
    assert (response.status_code, response["Location"]) == (
        302,
        f"/book/manage/{manage_token(booking.pk)}/#check-in",
    )
    assert client.post(check_in_page(client, booking), ANSWERS).status_code == 302
    assert SessionCheckIn.objects.count() == 0


def test_other_kinds_have_no_card_and_no_check_in(client, practice, clock):
    booking = book(practice, service="consultation")
    clock.move_to(INSIDE)
    assert 'id="check-in"' not in manage_page(client, booking)
    assert client.get(check_in_page(client, booking)).status_code == 404
    assert client.post(check_in_page(client, booking), ANSWERS).status_code == 404
    assert SessionCheckIn.objects.count() == 0


def test_inside_the_window_the_client_confirms_and_sees_it(client, booking, clock):
    clock.move_to(INSIDE)
    page = manage_page(client, booking)
    assert (
        f'<a class="button primary" href="{check_in_page(client, booking)}">Check in now' in page
    )
    form = client.get(check_in_page(client, booking)).content.decode()
    assert '<label for="id_state">Which state are you in for this session?</label>' in form
    assert '<label for="id_emergency_phone">Emergency contact&#x27;s phone</label>' in form
    response = client.post(check_in_page(client, booking), ANSWERS)
    manage = f"/book/manage/{manage_token(booking.pk)}/"
    assert (response.status_code, response["Location"]) == (
        302,
        f"{manage}?checked_in=1#check-in",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. Your check-in is saved." in page
    assert (
        "You confirmed you're in <strong>Idaho</strong> on Tuesday, March 9 at 1:00 PM EST."
    ) in page
    assert "Change my check-in" in page
    saved = SessionCheckIn.objects.get()
    assert (saved.booking_id, saved.state, saved.address, saved.outside_licenses) == (
        booking.pk,
        "ID",
        "12 Pine Street, Boise, ID 83702",
        False,
    )
    assert (saved.emergency_name, saved.emergency_phone, saved.confirmed_at) == (
        "Jordan Lee",
        "+1 208 555 0142",
        INSIDE,
    )
    (audit,) = AuditEntry.objects.filter(action__startswith="booking.checked_in")
    assert (audit.actor, audit.action, audit.detail) == (
        "client",
        "booking.checked_in",
        {"changed": False},
    )
    assert notices() == []


def test_every_answer_is_encrypted_in_the_database(client, booking, clock):
    clock.move_to(INSIDE)
    client.post(check_in_page(client, booking), ANSWERS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT state, address, emergency_name, emergency_phone FROM bookings_sessioncheckin"
        )
        (row,) = cursor.fetchall()
    stored = " ".join(row)
    assert row[0] != "ID"  # (two letters could turn up inside any token)
    assert all(
        ANSWERS[name] not in stored for name in ("address", "emergency_name", "emergency_phone")
    )
    assert all(value.startswith("gAAAAA") for value in row), row  # Fernet tokens


def test_the_form_is_prefilled_from_the_same_clients_last_check_in(client, practice, clock):
    earlier = book(practice, start=dt.datetime(2027, 3, 3, 17, tzinfo=dt.UTC))
    later = book(practice)
    stranger = book(
        practice, start=dt.datetime(2027, 3, 10, 18, tzinfo=dt.UTC), email="b@example.org"
    )
    clock.move_to(dt.datetime(2027, 3, 3, 12, tzinfo=dt.UTC))
    confirm_check_in(
        booking=earlier,
        location=Location(**ANSWERS),
        now=dt.datetime(2027, 3, 3, 12, tzinfo=dt.UTC),
    )
    clock.move_to(INSIDE)
    fields = form_fields(client.get(check_in_page(client, later)).content.decode(), "form")
    # (a textarea's value starts after a line break, as browsers read it)
    assert {name: fields[name].strip() for name in ANSWERS} == ANSWERS
    fields = form_fields(client.get(check_in_page(client, stranger)).content.decode(), "form")
    assert {name: fields[name].strip() for name in ANSWERS} == dict.fromkeys(ANSWERS, "")


def test_a_state_outside_the_licenses_ends_on_a_plain_page_and_tells_the_practitioner(
    client, booking, clock
):
    clock.move_to(INSIDE)
    response = client.post(check_in_page(client, booking), ANSWERS | {"state": "OR"})
    outside = f"/book/manage/{manage_token(booking.pk)}/check-in/outside/"
    assert (response.status_code, response["Location"]) == (302, outside)
    page = client.get(outside).content.decode()
    assert "<h1>Your session can't go ahead while you are in Oregon</h1>" in page
    assert "Sam Rivera has been told and will be in touch" in page
    assert 'href="tel:988"' in page and 'href="tel:911"' in page
    saved = SessionCheckIn.objects.get()
    assert (saved.state, saved.outside_licenses) == ("OR", True)
    (audit,) = AuditEntry.objects.filter(action__startswith="booking.checked_in")
    assert audit.action == "booking.checked_in_outside_licenses"
    (notice,) = notices()
    assert (notice.recipient, notice.subject, notice.related_id) == (
        "sam@practice.example",
        f"Check-in for {booking.reference}: outside your licenses",
        booking.pk,
    )
    assert "will be in Oregon for the appointment below" in notice.text
    assert "When: Wednesday, March 10, 2027, 9:00 AM – 9:50 AM PST" in notice.text
    assert f"/admin/booking_admin/inspect/{booking.pk}/" in notice.text
    assert forbidden_words_in(notice.subject + notice.text) == []
    assert "Pine" not in notice.text and "Jordan" not in notice.text
    # The manage page says it too; confirming the same state again tells no one twice.
    assert "the session cannot go ahead while you are there" in manage_page(client, booking)
    client.post(check_in_page(client, booking), ANSWERS | {"state": "OR"})
    assert len(notices()) == 1


def test_a_license_lapsed_by_the_session_date_counts_as_outside(practice, clock):
    # Washington lapses on March 15; the session is on the 17th.
    booking = book(practice, start=dt.datetime(2027, 3, 17, 16, tzinfo=dt.UTC))
    now = dt.datetime(2027, 3, 17, 1, tzinfo=dt.UTC)
    saved = confirm_check_in(
        booking=booking, location=Location(**ANSWERS | {"state": "WA"}), now=now
    )
    assert saved.outside_licenses is True
    earlier = book(practice)
    now = dt.datetime(2027, 3, 10, 1, tzinfo=dt.UTC)
    saved = confirm_check_in(
        booking=earlier, location=Location(**ANSWERS | {"state": "WA"}), now=now
    )
    assert saved.outside_licenses is False


def test_bad_input_is_answered_in_plain_words_and_nothing_is_saved(client, booking, clock):
    clock.move_to(INSIDE)
    url = check_in_page(client, booking)
    response = client.post(url, {"state": "XX", "address": "", "emergency_name": "x\x00"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Please check the fields marked below." in page
    assert "Select a valid choice. XX is not one of the available choices." in page
    assert "Please enter the address where you will be." in page
    assert "Please enter a phone number for your emergency contact." in page
    assert "Null characters are not allowed." in page
    assert client.get(f"/book/manage/{booking.pk}.forged/check-in/").status_code == 404
    assert client.post(f"/book/manage/{booking.pk}.forged/check-in/", ANSWERS).status_code == 404
    assert client.get(f"/book/manage/{booking.pk}.forged/check-in/outside/").status_code == 404
    assert SessionCheckIn.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="booking.checked_in").exists()


def test_changes_stop_at_the_start_and_check_in_closes_at_the_end(client, booking, clock):
    clock.move_to(INSIDE)
    client.post(check_in_page(client, booking), ANSWERS)
    clock.move_to(START + dt.timedelta(minutes=5))
    page = manage_page(client, booking)
    assert "You confirmed you're in <strong>Idaho</strong>" in page
    assert "Change my check-in" not in page
    assert (
        client.post(check_in_page(client, booking), ANSWERS | {"state": "OR"}).status_code == 302
    )
    with pytest.raises(CheckInClosed):
        confirm_check_in(
            booking=booking, location=Location(**ANSWERS | {"state": "OR"}), now=START
        )
    assert SessionCheckIn.objects.get().state == "ID"
    assert AuditEntry.objects.filter(action__startswith="booking.checked_in").count() == 1
    assert notices() == []
    clock.move_to(START + dt.timedelta(minutes=50))
    assert 'id="check-in"' not in manage_page(client, booking)


def test_an_unanswered_check_in_stays_open_until_the_end(client, booking, clock):
    clock.move_to(START + dt.timedelta(minutes=10))
    assert "Check in now" in manage_page(client, booking)
    assert client.post(check_in_page(client, booking), ANSWERS).status_code == 302
    assert SessionCheckIn.objects.get().confirmed_at == START + dt.timedelta(minutes=10)


def test_a_cancelled_booking_has_no_check_in(client, booking, clock):
    booking.status = "cancelled"
    booking.save()
    clock.move_to(INSIDE)
    assert 'id="check-in"' not in manage_page(client, booking)
    assert client.post(check_in_page(client, booking), ANSWERS).status_code == 302
    assert SessionCheckIn.objects.count() == 0
