import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.notifications.actions import queue_email
from hearth.notifications.models import OutboxMessage, OutboxStatus
from hearth.practice.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def _message(status=OutboxStatus.PENDING, **fields):
    message = queue_email(
        to="alex@example.org",
        subject="Your appointment",
        text="t",
        kind="booking.confirmed",
        now=timezone.now(),
    )
    OutboxMessage.objects.filter(pk=message.pk).update(status=status, **fields)
    return message


def test_dashboard_warns_of_dead_messages_and_a_missing_video_host(admin_client):
    Practice.load()  # the row exists from here on
    Practice.objects.update(video_link_template="https://meet.example.org/{room}")
    assert "Messages that need you" not in admin_client.get("/admin/").content.decode()
    _message(OutboxStatus.DEAD, attempts=8, last_error="SMTPDataError: 451")
    page = admin_client.get("/admin/").content.decode()
    assert "1 message could not be sent" in page
    assert "No video provider is set up" not in page
    Practice.objects.update(video_link_template="")
    assert "No video provider is set up" in admin_client.get("/admin/").content.decode()


def test_dashboard_warns_when_nothing_has_been_tried_for_a_while(admin_client):
    _message(next_attempt_at=timezone.now() - dt.timedelta(minutes=16))
    assert "is the worker running" in admin_client.get("/admin/").content.decode()


def test_outbox_list_filters_and_retry_sends_a_dead_message_again(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    dead = _message(OutboxStatus.DEAD, attempts=8, last_error="SMTPDataError: 451")
    listing = admin_client.get("/admin/outbox_admin/", {"status": "dead"}).content.decode()
    assert "alex@example.org" in listing and "SMTPDataError: 451" in listing
    assert (
        "alex@example.org"
        not in admin_client.get("/admin/outbox_admin/", {"status": "sent"}).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/outbox_admin/retry/{dead.pk}/")
    assert response.status_code == 302
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == (OutboxStatus.SENT, 1)  # immediate backend in tests
    assert [m.extra_headers["Message-ID"] for m in mailoutbox] == [dead.message_id]


def test_retry_of_a_sent_message_changes_nothing(admin_client, mailoutbox):
    sent = _message(OutboxStatus.SENT, attempts=1)
    admin_client.post(f"/admin/outbox_admin/retry/{sent.pk}/")
    sent.refresh_from_db()
    assert (sent.status, sent.attempts, mailoutbox) == (OutboxStatus.SENT, 1, [])


def test_the_outbox_list_shows_times_in_the_practice_zone(admin_client):
    message = _message()
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=dt.datetime(2027, 7, 1, 19, 30, tzinfo=dt.UTC)
    )
    listing = admin_client.get("/admin/outbox_admin/").content.decode()
    assert "July 1, 2027, 12:30 p.m. PDT" in listing
