"""Bookings and the client's intake: the packet a counseling booking opens, its link and
status on the client's pages and emails, the agenda and booking page, and the reminder."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.bookings.actions import ClientDetails, book_slot, cancel_booking, reschedule_booking
from hearth.bookings.errors import SlotTaken
from hearth.bookings.models import Booking
from hearth.bookings.practice_actions import book_for_client
from hearth.bookings.tokens import manage_token
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.intake.actions import save_intake
from hearth.intake.models import IntakePacket
from hearth.intake.tests.factories import QuestionFactory
from hearth.intake.tokens import packet_token
from hearth.notifications import planning
from hearth.notifications.delivery import deliver
from hearth.notifications.models import OutboxMessage, PlannedMessage
from hearth.notifications.rendering import forbidden_words_in
from hearth.practice.models import Practice
from hearth.practice.tests.factories import WeeklyWindowFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db
START = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)  # Wed 9:00 PST, 12:00 EST
DUE = START - dt.timedelta(hours=48)


@pytest.fixture(autouse=True)
def clock(practice):
    settings = Practice.load()
    settings.email = "hello@practice.example"
    settings.save()
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def question(db):
    return QuestionFactory(label="What would you like to work on?", required=True)


def client_details(**changes) -> ClientDetails:
    values = {
        "name": "Alex Morgan",
        "email": "alex@example.org",
        "location": "ID",
        "timezone": "America/New_York",
    }
    return ClientDetails(**values | changes)


def book(practice, start=START, service="counseling", **changes) -> Booking:
    return book_slot(
        service=practice[service], start=start, client=client_details(**changes), now=NOW
    ).booking


def link_of(packet: IntakePacket) -> str:
    return f"http://127.0.0.1:8000/intake/{packet_token(packet.pk)}/"


def test_a_counseling_booking_opens_one_intake_per_client_and_practitioner(practice):
    first = book(practice)
    book(practice, start=START + dt.timedelta(days=7), email="ALEX@example.org")
    book(practice, start=START + dt.timedelta(hours=1), service="consultation", email="c@x.org")
    packet = IntakePacket.objects.get()
    assert (
        packet.practitioner_id,
        packet.client_email,
        packet.client_name,
        packet.client_timezone,
    ) == (first.practitioner_id, "alex@example.org", "Alex Morgan", "America/New_York")


def test_the_practice_booking_for_a_client_opens_it_too(practice):
    book_for_client(
        service=practice["counseling"],
        start=START,
        client=client_details(email="blake@example.org", name="Blake Stone"),
        now=NOW,
        actor="sam",
    )
    assert list(IntakePacket.objects.values_list("client_email", "client_name")) == [
        ("blake@example.org", "Blake Stone")
    ]


def test_a_refused_booking_opens_no_intake(practice):
    book(practice)
    with pytest.raises(SlotTaken):
        book(practice, start=START + dt.timedelta(minutes=30), email="other@example.org")
    assert list(IntakePacket.objects.values_list("client_email", flat=True)) == [
        "alex@example.org"
    ]


def test_confirmation_and_manage_pages_link_to_the_intake_with_its_status(
    client, practice, question
):
    booking = book(practice)
    link = link_of(IntakePacket.objects.get())
    token = manage_token(booking.pk)
    for page in (f"/book/done/{token}/", f"/book/manage/{token}/"):
        body = client.get(page).content.decode()
        assert "Your intake forms" in body
        assert "Please fill in your intake before your first session: 1 required question" in body
        assert f'<a class="button primary" href="{link}">Fill in your forms</a>' in body
    packet = IntakePacket.objects.get()
    save_intake(packet=packet, answers={question.pk: "Sleep"}, signatures={}, submit=True)
    body = client.get(f"/book/manage/{token}/").content.decode()
    assert "Your intake is complete. Thank you." in body
    assert f'<a class="button secondary" href="{link}">Read your forms</a>' in body
    other = book(practice, start=START + dt.timedelta(hours=1), service="consultation")
    body = client.get(f"/book/manage/{manage_token(other.pk)}/").content.decode()
    assert "Your intake forms" not in body and "/intake/" not in body


def test_the_confirmation_email_links_to_the_intake(practice, question):
    book(practice)
    link = link_of(IntakePacket.objects.get())
    (confirmation,) = OutboxMessage.objects.filter(kind="booking.confirmed")
    assert (
        "Your forms: Please fill in your forms before the appointment.\n"
        f"Please fill them in before the appointment: {link}\n"
    ) in confirmation.text
    assert f'<p><a href="{link}">Fill in your forms</a></p>' in confirmation.html
    assert forbidden_words_in(confirmation.subject + confirmation.text + confirmation.html) == []
    book(practice, start=START + dt.timedelta(hours=1), service="consultation", email="c@x.org")
    (other,) = OutboxMessage.objects.filter(kind="booking.confirmed", recipient="c@x.org")
    assert "forms" not in other.text and "/intake/" not in other.html


def test_the_reminder_goes_48_hours_before_while_the_intake_is_not_complete(
    practice, question, smtp, clock
):
    booking = book(practice)
    link = link_of(IntakePacket.objects.get())
    assert planning.decide_due(now=DUE - dt.timedelta(seconds=1)) == (0, 0)
    clock.move_to(DUE)
    assert planning.decide_due(now=DUE) == (1, 0)
    (reminder,) = OutboxMessage.objects.filter(kind="booking.intake_reminder")
    assert (reminder.recipient, reminder.related_id, reminder.reply_to) == (
        "alex@example.org",
        booking.pk,
        "hello@practice.example",
    )
    assert reminder.subject == "Your forms for your appointment on Wed, Mar 10"
    assert "Before your appointment with Sam Rivera, please fill in your forms." in reminder.text
    assert f"Your forms: {link}\n" in reminder.text
    assert "When: Wednesday, March 10, 2027, 12:00 PM – 12:50 PM EST" in reminder.text
    assert forbidden_words_in(reminder.subject + reminder.text + reminder.html) == []
    deliver(now=DUE, ids=[reminder.pk])
    (sent,) = [m for m in smtp.messages if m["Subject"] == reminder.subject]
    assert sent["To"] == "alex@example.org"
    assert link in sent.get_body(("plain",)).get_content()


def test_no_reminder_when_complete_cancelled_moved_or_email_no_longer_safe(
    practice, question, clock
):
    complete = book(practice)
    cancelled = book(practice, start=START + dt.timedelta(hours=1), email="b@example.org")
    moved = book(practice, start=START + dt.timedelta(days=7), email="c@example.org")
    # (Mar 17 is in daylight time: 16:00 UTC is 9:00 in Los Angeles)
    unsafe = book(practice, start=START + dt.timedelta(days=7, hours=-1), email="d@example.org")
    packet = IntakePacket.objects.get(client_email="alex@example.org")
    save_intake(packet=packet, answers={question.pk: "Sleep"}, signatures={}, submit=True)
    cancel_booking(booking=cancelled, now=NOW)
    reschedule_booking(booking=moved, new_start=START + dt.timedelta(days=14), now=NOW)
    Booking.objects.filter(pk=unsafe.pk).update(contact_email_ok=False)
    for due in (DUE + dt.timedelta(hours=1), DUE + dt.timedelta(days=7)):
        clock.move_to(due)  # each before its session's start
        planning.decide_due(now=due)
    assert not OutboxMessage.objects.filter(kind="booking.intake_reminder").exists()
    decided = PlannedMessage.objects.filter(kind="booking.intake_reminder").order_by("pk")
    assert list(decided.values_list("related_id", "status")) == [
        (complete.pk, "skipped"),
        (cancelled.pk, "skipped"),
        (moved.pk, "skipped"),  # its old time
        (unsafe.pk, "skipped"),
        (moved.pk, "pending"),  # its new time
    ]
    # The moved booking's reminder for its new time still goes.
    again = START + dt.timedelta(days=12)
    clock.move_to(again)
    planning.decide_due(now=again)
    (reminder,) = OutboxMessage.objects.filter(kind="booking.intake_reminder")
    assert (reminder.related_id, reminder.subject) == (
        moved.pk,
        "Your forms for your appointment on Wed, Mar 24",
    )


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def test_agenda_and_booking_page_show_the_intake_status(admin_client, practice, question):
    first = book(practice)
    packet = IntakePacket.objects.get()
    book(practice, start=START + dt.timedelta(hours=1), service="consultation", email="c@x.org")
    url = "/admin/agenda/?date=2027-03-10&view=week"
    page = admin_client.get(url).content.decode()
    admin_link = f'<a href="/admin/intake/clients/{packet.pk}/">Intake: Not started</a>'
    assert page.count(admin_link) == 1
    assert page.count("Intake:") == 1  # not for the consultation
    booking_page = admin_client.get(f"/admin/booking_admin/inspect/{first.pk}/").content.decode()
    assert f'Not started. <a href="/admin/intake/clients/{packet.pk}/">Open the intake</a>' in (
        booking_page
    )
    second = QuestionFactory(label="Anything else?", required=True)
    save_intake(packet=packet, answers={second.pk: "No"}, signatures={}, submit=False)
    page = admin_client.get(url).content.decode()
    assert "Intake: Started: 1 of 2 questions</a>" in page


def test_the_agenda_reads_intakes_in_a_constant_number_of_queries(
    admin_client, practice, question
):
    book(practice)
    url = "/admin/agenda/?date=2027-03-10&view=week"
    admin_client.get(url)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    book(practice, start=START + dt.timedelta(hours=1), email="p1@example.org")
    WeeklyWindowFactory(practitioner=practice["sam"], weekday=3, start_minute=540, end_minute=660)
    book(practice, start=START + dt.timedelta(days=1), email="p2@example.org")
    with CaptureQueriesContext(connection) as three:
        page = admin_client.get(url).content.decode()
    assert page.count("Intake: Not started") == 3
    assert len(three) == len(one)
