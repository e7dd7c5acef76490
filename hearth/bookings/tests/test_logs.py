"""No log line carries a client's name, email address or message: booking, cancelling and
a delivery the mail server refuses, with every logger captured at DEBUG."""

import logging

import pytest
import time_machine

from hearth.notifications.models import OutboxMessage, OutboxStatus

from .conftest import NOW

pytestmark = pytest.mark.django_db
NAME = "Quillon Marchbanks"
EMAIL = "quillon.marchbanks@example.org"
MESSAGE = "Wrenfield worries"
# The test's own SMTP server (aiosmtpd) logs the conversation; it is not Hearth.
TEST_SERVER_LOGGERS = ("mail.log",)


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


def book(client, start: str):
    return client.post(
        "/api/v1/bookings",
        {
            "service": "counseling",
            "start": start,
            "name": NAME,
            "email": EMAIL,
            "phone": "+1 509 555 0199",
            "message": MESSAGE,
            "location": "ID",
            "timezone": "America/New_York",
            "consent": True,
        },
        content_type="application/json",
    )


def test_no_log_line_names_the_client(
    client, practice, smtp, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        token = book(client, "2027-03-10T12:00:00-05:00").json()["token"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/v1/bookings/{token}/cancel").status_code == 200
    assert client.get("/book/manage/not-a-token/").status_code == 404
    smtp.refusing_recipients = True
    with django_capture_on_commit_callbacks(execute=True):
        assert book(client, "2027-03-10T13:00:00-05:00").status_code == 201
    assert len(smtp.messages) >= 2  # booked and cancelled, delivered
    failed = OutboxMessage.objects.filter(attempts__gte=1, status=OutboxStatus.PENDING)
    assert failed.exists()
    assert all("[address]" in row.last_error and EMAIL not in row.last_error for row in failed)
    lines = [
        record.getMessage()
        for record in caplog.records
        if not record.name.startswith(TEST_SERVER_LOGGERS)
    ]
    assert any("failed (attempt 1): SMTPRecipientsRefused" in line for line in lines)
    secrets = ("Quillon", "Marchbanks", "quillon", "example.org", "Wrenfield", "555 0199")
    assert [line for line in lines if any(secret in line for secret in secrets)] == []
