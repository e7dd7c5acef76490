"""What booking changes tell people: content, calendar files, safe-contact, reminders."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from hearth.bookings.actions import ClientDetails, book_slot, cancel_booking, reschedule_booking
from hearth.bookings.models import Booking
from hearth.bookings.notify import queue_booking_messages
from hearth.bookings.tokens import manage_token
from hearth.intake.tests.factories import QuestionFactory
from hearth.notifications import planning
from hearth.notifications.models import OutboxMessage, PlannedMessage
from hearth.notifications.rendering import forbidden_words_in
from hearth.practice.models import Practice, ServiceKind

from .conftest import NOW

pytestmark = pytest.mark.django_db
UTC = dt.UTC


@pytest.fixture(autouse=True)
def setup(practice):
    settings = Practice.load()
    settings.email, settings.phone = "hello@practice.example", "+1 509 555 0100"
    settings.video_link_template = "https://meet.example.org/{room}"
    settings.save()
    practice["sam"].email = "sam@practice.example"
    practice["sam"].save()
    with time_machine.travel(NOW, tick=False):
        yield


def client(**changes) -> ClientDetails:
    values = {
        "name": "Alex Doe",
        "email": "alex@example.org",
        "phone": "",
        "location": "ID",
        "timezone": "America/New_York",
    } | changes
    return ClientDetails(**values)


def at(hour: int, minute: int = 0, day: int = 10) -> dt.datetime:
    """A Wednesday in March 2027, in Los Angeles wall time (UTC-8)."""
    return dt.datetime(2027, 3, day, hour + 8, minute, tzinfo=UTC)


def book(practice, start, service="counseling", **changes) -> Booking:
    return book_slot(
        service=practice[service], start=start, client=client(**changes), now=NOW
    ).booking


def rows(kind_prefix="booking.") -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(kind__startswith=kind_prefix).order_by("pk"))


def parse_ics(row: OutboxMessage):
    (attachment,) = row.attachments
    calendar = Calendar.from_ical(attachment["content"])
    return attachment, calendar, calendar.walk("VEVENT")[0]


def test_booking_queues_the_client_confirmation_and_the_practitioner_notice(practice):
    booking = book(practice, at(9))
    confirmation, notice = rows()
    assert (confirmation.kind, confirmation.recipient, confirmation.related_id) == (
        "booking.confirmed",
        "alex@example.org",
        booking.pk,
    )
    assert confirmation.subject == "Your appointment with Sam Rivera on Wed, Mar 10 at 12:00 PM"
    manage = f"http://127.0.0.1:8000/book/manage/{manage_token(booking.pk)}/"
    assert "Hello Alex," in confirmation.text
    assert (
        "When: Wednesday, March 10, 2027, 12:00 PM – 12:50 PM EST (America/New_York time)"
    ) in confirmation.text
    assert f"Video link: {booking.video_url}" in confirmation.text
    assert f"To change or cancel: {manage}" in confirmation.text
    assert "hello@practice.example" in confirmation.text and "+1 509 555 0100" in confirmation.text
    assert f'<a href="{booking.video_url}">' in confirmation.html
    assert confirmation.reply_to == "hello@practice.example"
    assert (notice.kind, notice.recipient, notice.subject) == (
        "booking.practitioner_new",
        "sam@practice.example",
        f"New booking: Wed, Mar 10 at 9:00 AM ({booking.reference})",
    )
    assert "alex" not in notice.text.lower()  # minimum: the admin has the rest
    planned = PlannedMessage.objects.order_by("pk").values_list("kind", "due_at", "planned_for")
    assert list(planned) == [
        ("booking.reminder", at(9) - dt.timedelta(hours=24), at(9)),
        ("booking.intake_reminder", at(9) - dt.timedelta(hours=48), at(9)),
    ]


def test_video_link_is_a_fresh_unguessable_room_and_moves_with_the_booking(practice):
    first = book(practice, at(9))
    second = book(practice, at(10), service="coaching", location="WA")
    for booking in (first, second):
        assert booking.video_url.startswith("https://meet.example.org/")
        assert len(booking.video_url.rsplit("/", 1)[1]) >= 22  # 128 bits, url-safe
        assert booking.reference not in booking.video_url
    assert first.video_url != second.video_url
    old = first.video_url
    moved = reschedule_booking(booking=first, new_start=at(9, day=17), now=NOW)
    assert moved.video_url not in ("", old) and moved.sequence == 1


def test_no_video_host_means_no_link_and_says_so(practice):
    Practice.objects.update(video_link_template="")
    booking = book(practice, at(9))
    assert booking.video_url == ""
    (confirmation,) = rows("booking.confirmed")
    assert "Video link: Sam Rivera will send it before the appointment." in confirmation.text
    _, _, event = parse_ics(confirmation)
    assert "LOCATION" not in event


def test_calendar_files_keep_one_uid_and_raise_the_sequence(practice):
    booking = book(practice, at(9))
    reschedule_booking(booking=booking, new_start=at(9, day=17), now=NOW)
    cancel_booking(booking=booking, now=NOW)
    client_rows = [r for r in rows() if not r.kind.startswith("booking.practitioner")]
    assert [r.kind for r in client_rows] == [
        "booking.confirmed",
        "booking.moved",
        "booking.cancelled",
    ]
    seen = []
    for row in client_rows:
        attachment, calendar, event = parse_ics(row)
        seen.append(
            (
                str(calendar["METHOD"]),
                attachment["mimetype"],
                str(event["UID"]),
                event["SEQUENCE"],
                event.decoded("DTSTART"),
                str(event["SUMMARY"]),
            )
        )
    uid = f"{booking.reference}@hearth"
    summary = "Appointment with Sam Rivera"
    assert seen == [
        ("REQUEST", "text/calendar; method=REQUEST", uid, 0, at(9), summary),
        ("REQUEST", "text/calendar; method=REQUEST", uid, 1, at(9, day=17), summary),
        ("CANCEL", "text/calendar; method=CANCEL", uid, 2, at(9, day=17), summary),
    ]
    _, _, moved = parse_ics(client_rows[1])
    booking.refresh_from_db()
    assert str(moved["LOCATION"]) == booking.video_url == str(moved["URL"])
    assert moved["DTSTART"].to_ical() == b"20270317T170000Z"  # UTC


def test_download_on_the_confirmation_page_matches_the_emailed_file(practice, client):
    booking = book(practice, at(9))
    response = client.get(f"/book/manage/{manage_token(booking.pk)}/calendar.ics")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    _, _, emailed = parse_ics(rows("booking.confirmed")[0])
    for key in ("UID", "SEQUENCE", "DTSTART", "DTEND", "LOCATION", "SUMMARY"):
        assert event[key].to_ical() == emailed[key].to_ical()


def test_email_not_safe_means_nothing_is_emailed_to_the_client(practice, client):
    booking = book(practice, at(9), email_ok=False)
    cancel_booking(booking=booking, now=NOW)
    assert {r.recipient for r in rows()} == {"sam@practice.example"}
    assert PlannedMessage.objects.count() == 0
    page = client.get(f"/book/done/{manage_token(booking.pk)}/").content.decode()
    assert "You told us email is not safe, so we will not email you" in page


def test_practice_cancellation_says_so_and_tells_the_practitioner(practice):
    booking = book(practice, at(9))
    cancel_booking(booking=booking, now=NOW, actor="admin", note="ill")
    kinds = [r.kind for r in rows()][2:]
    assert kinds == ["booking.cancelled_by_practice", "booking.practitioner_cancelled"]
    assert "Sam Rivera had to cancel" in rows("booking.cancelled_by_practice")[0].text


@pytest.mark.parametrize("kind", ServiceKind.values)
def test_no_message_reveals_the_kind_of_service(practice, kind):
    """Every template, for every kind of service: subjects, bodies and calendar files."""
    service = practice["counseling"]
    service.kind, service.name = kind, f"{kind.title()} therapy and counseling for abuse"
    service.save()
    QuestionFactory(label="What brings you here?", required=True)  # the intake is not complete
    booking = book(practice, at(9))
    queue_booking_messages(booking=booking, event="rescheduled", now=NOW)
    cancel_booking(booking=booking, now=NOW)
    queue_booking_messages(booking=booking, event="cancelled_by_practice", now=NOW)
    Booking.objects.filter(pk=booking.pk).update(status="confirmed")
    with time_machine.travel(at(9) - dt.timedelta(hours=23), tick=False):
        # Two reminders were planned for the same time (created, then "rescheduled"), and
        # for counseling two reminders of the intake.
        queued = 4 if kind == ServiceKind.CLINICAL else 2
        assert planning.decide_due(now=at(9) - dt.timedelta(hours=23)) == (queued, 0)
    kinds = {r.kind for r in rows()} - {"booking.intake_reminder"}
    assert kinds == {
        "booking.confirmed",
        "booking.moved",
        "booking.cancelled",
        "booking.cancelled_by_practice",
        "booking.reminder",
        "booking.practitioner_new",
        "booking.practitioner_moved",
        "booking.practitioner_cancelled",
    }
    for row in rows():
        texts = [row.subject, row.text, row.html] + [a["content"] for a in row.attachments]
        assert [forbidden_words_in(text) for text in texts] == [[]] * len(texts), row.kind
        assert kind not in " ".join(texts).lower()


def test_reminder_is_decided_when_due(practice, mailoutbox):
    kept = book(practice, at(9))
    cancelled = book(practice, at(10))
    moved = book(practice, at(9, day=17))
    cancel_booking(booking=cancelled, now=NOW)
    reschedule_booking(booking=moved, new_start=at(9, day=24), now=NOW)
    mail.outbox.clear()
    due = at(9) - dt.timedelta(hours=24)
    # The intake reminders (48 hours before) are skipped: with no questions or documents set
    # up, every intake is complete (test_intake_reminders.py has them sent).
    assert planning.decide_due(now=due - dt.timedelta(seconds=1)) == (0, 2)
    assert planning.decide_due(now=due) == (1, 0)
    assert planning.decide_due(now=at(10) - dt.timedelta(hours=24)) == (0, 1)  # cancelled
    assert planning.decide_due(now=at(9, day=17) - dt.timedelta(hours=24)) == (0, 2)  # moved
    assert [r.related_id for r in rows("booking.reminder")] == [kept.pk]
    # The moved booking's own reminder falls due a week later, once.
    later = at(9, day=24) - dt.timedelta(hours=24)
    assert planning.decide_due(now=later) == (1, 1)
    assert planning.decide_due(now=later + dt.timedelta(hours=1)) == (0, 0)
    assert [r.related_id for r in rows("booking.reminder")] == [kept.pk, moved.pk]
    reminder = rows("booking.reminder")[0]
    assert (
        reminder.subject == "Reminder: your appointment with Sam Rivera on Wed, Mar 10 at 12:00 PM"
    )
