import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from icalendar import Calendar

from hearth.notifications import delivery
from hearth.notifications.actions import Attachment, NotAllowed, queue_email, retry_message
from hearth.notifications.models import OutboxMessage, OutboxStatus

T0 = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:abc@hearth\r\nDTSTAMP:20270301T120000Z\r\n"
    "DTSTART:20270302T170000Z\r\nDTEND:20270302T171500Z\r\nSEQUENCE:2\r\n"
    "SUMMARY:Appointment\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _queue(n=1, **overrides):
    fields = {
        "to": "client@example.org",
        "subject": "Your appointment",
        "text": "Hello",
        "kind": "test.message",
        "now": T0,
    } | overrides
    return [queue_email(**fields) for _ in range(n)]


@pytest.mark.django_db
def test_queue_email_delivers_after_commit_with_its_message_id(django_capture_on_commit_callbacks):
    with (
        time_machine.travel(T0, tick=False),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        (message,) = _queue(html="<p>Hello</p>", reply_to="hello@practice.example")
        assert mail.outbox == []  # nothing leaves before the commit
    message.refresh_from_db()
    assert (message.status, message.attempts, message.sent_at) == (OutboxStatus.SENT, 1, T0)
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == message.message_id
    assert message.message_id.startswith("<") and message.message_id.endswith("@localhost>")
    assert (sent.to, sent.reply_to, sent.subject) == (
        ["client@example.org"],
        ["hello@practice.example"],
        "Your appointment",
    )
    assert sent.alternatives[0][0] == "<p>Hello</p>"


@pytest.mark.django_db
def test_rolled_back_change_leaves_no_row_and_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue(2)
        raise RuntimeError("the booking failed")
    assert OutboxMessage.objects.count() == 0
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_sender_name_comes_from_settings(settings, smtp):
    settings.DEFAULT_FROM_EMAIL = "Hearth <no-reply@practice.example>"
    settings.HEARTH_EMAIL_SENDER_NAME = "Sam's office"
    _queue()
    assert delivery.deliver(now=T0) == (1, 0)
    assert smtp.messages[0]["From"] == "Sam's office <no-reply@practice.example>"


@pytest.mark.django_db
def test_ics_attachment_arrives_as_a_calendar_part(smtp):
    (message,) = _queue(
        attachments=[Attachment("invite.ics", ICS, "text/calendar; method=REQUEST")]
    )
    assert delivery.deliver(now=T0) == (1, 0)
    (received,) = smtp.messages
    assert received["Message-ID"] == message.message_id
    (part,) = [p for p in received.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "invite.ics"
    event = Calendar.from_ical(part.get_content()).walk("VEVENT")[0]
    assert (str(event["UID"]), event["SEQUENCE"]) == ("abc@hearth", 2)
    assert event.decoded("DTSTART") == dt.datetime(2027, 3, 2, 17, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_backoff_doubles_to_thirty_minutes_then_the_message_is_dead(smtp):
    smtp.refusing = True
    (message,) = _queue()
    tried_at = []
    now = T0
    while now < T0 + dt.timedelta(hours=4):
        if delivery.deliver(now=now) != (0, 0):
            tried_at.append(int((now - T0).total_seconds() // 60))
        now += dt.timedelta(seconds=30)
    assert tried_at == [0, 1, 3, 7, 15, 31, 61, 91]
    message.refresh_from_db()
    assert (message.status, message.attempts, smtp.refused) == (OutboxStatus.DEAD, 8, 8)
    assert message.last_error.startswith("SMTPDataError")
    assert OutboxMessage.objects.dead().count() == 1
    # The practice retries it from the admin once the server is back.
    smtp.refusing = False
    retry_message(message=message, now=now)
    assert delivery.deliver(now=now) == (1, 0)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 1)
    assert smtp.message_ids() == [message.message_id]


@pytest.mark.django_db
def test_retry_refuses_a_message_that_is_not_dead():
    (message,) = _queue()
    with pytest.raises(NotAllowed):
        retry_message(message=message, now=T0)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 0)


@pytest.mark.django_db
def test_smtp_down_then_up_loses_nothing_and_sends_each_once(smtp):
    messages = _queue(25)
    smtp.stop()  # the server is down: connections are refused
    assert delivery.deliver(now=T0) == (0, 25)
    assert delivery.deliver(now=T0 + dt.timedelta(seconds=59)) == (0, 0)  # backing off
    smtp.restart()
    smtp.refusing = True  # up, but refusing
    assert delivery.deliver(now=T0 + dt.timedelta(minutes=1)) == (0, 25)
    smtp.refusing = False
    assert delivery.deliver(now=T0 + dt.timedelta(minutes=2)) == (0, 0)  # next try at +3
    assert delivery.deliver(now=T0 + dt.timedelta(minutes=3)) == (25, 0)
    assert sorted(smtp.message_ids()) == sorted(m.message_id for m in messages)
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {("sent", 3)}
    assert delivery.deliver(now=T0 + dt.timedelta(hours=1)) == (0, 0)


@pytest.mark.django_db
def test_a_crash_after_claiming_leaves_the_row_due_again_after_the_backoff(smtp):
    (message,) = _queue()
    (_claimed,) = delivery.claim(now=T0)  # the worker dies here, before or after sending
    assert delivery.deliver(now=T0 + dt.timedelta(seconds=59)) == (0, 0)
    assert delivery.deliver(now=T0 + dt.timedelta(minutes=1)) == (1, 0)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)


@pytest.mark.django_db
def test_a_crash_on_the_last_attempt_marks_the_message_dead(smtp):
    (message,) = _queue()
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=8)
    assert delivery.claim(now=T0) == []
    message.refresh_from_db()
    assert (message.status, message.last_error) == (
        OutboxStatus.DEAD,
        "The worker stopped while sending.",
    )
    assert smtp.messages == []
