"""Under the production logging config (hearth/core/json_logs.py), a booking, a manage link
that does not exist and a delivery the mail server refuses log JSON lines only, none of them
naming the client."""

import io
import json
import logging
import logging.config

import pytest
import time_machine

from hearth.core.json_logs import json_logging, scrub
from hearth.notifications.models import OutboxMessage, OutboxStatus

from .conftest import NOW

NAME = "Quillon Marchbanks"
EMAIL = "quillon.marchbanks@example.org"
PHONE = "+1 509 555 0199"
MESSAGE = "Wrenfield worries"


@pytest.fixture
def production_logging():
    """The production LOGGING, at DEBUG, its stream read by the test; undone afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    logging.config.dictConfig(json_logging("DEBUG"))
    ours = [handler for handler in root.handlers if handler not in handlers]
    stream = io.StringIO()
    for handler in ours:
        handler.setStream(stream)
        # The test's own SMTP server (aiosmtpd, logger "mail.log") is not Hearth: keep it out.
        handler.addFilter(lambda record: not record.name.startswith("mail.log"))
    yield lambda: stream.getvalue().splitlines()
    for handler in ours:
        root.removeHandler(handler)
    root.handlers[:0] = [handler for handler in handlers if handler not in root.handlers]
    root.setLevel(level)


def book(client, start: str):
    body = {
        "service": "counseling",
        "start": start,
        "name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "message": MESSAGE,
        "location": "ID",
        "timezone": "America/New_York",
        "consent": True,
    }
    return client.post("/api/v1/bookings", body, content_type="application/json")


@pytest.mark.django_db
def test_a_booking_and_a_refused_delivery_log_json_lines_without_the_client(
    client, practice, smtp, production_logging, django_capture_on_commit_callbacks
):
    smtp.refusing_recipients = True
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            created = book(client, "2027-03-10T12:00:00-05:00")
        assert created.status_code == 201
        token = created.json()["token"]
        wrong = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
        assert client.get(f"/book/manage/{wrong}/").status_code == 404
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING, attempts=1).exists()

    lines = production_logging()
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all(set(entry) >= {"time", "level", "logger", "message"} for entry in entries)
    messages = [entry["message"] for entry in entries]
    assert any("failed (attempt 1): SMTPRecipientsRefused" in m for m in messages)
    not_found = [entry for entry in entries if entry["logger"] == "django.request"]
    assert not_found[-1]["message"] == "Not Found: /book/manage/[token]/"
    assert (not_found[-1]["route"], not_found[-1]["status"]) == ("book/manage/<str:token>/", 404)
    secrets = ("Quillon", "Marchbanks", "quillon", "example.org", "Wrenfield", "555 0199")
    secrets += (token, wrong, token.partition(".")[2], wrong.partition(".")[2])
    assert [line for line in lines if any(secret in line for secret in secrets)] == []


def test_scrub_takes_out_addresses_and_tokens_and_keeps_message_ids():
    message_id = "<0123456789abcdef0123456789abcdef@practice.example.org>"
    text = (
        f"to alex.k+1@example.org id {message_id} token 12.Qk9vX2ZhS3a1bC0dEfGhIjKlMnOp "
        "in hearth/notifications/page_cache_middleware.py"
    )
    assert scrub(text) == (
        f"to [address] id {message_id} token 12.[token] in "
        "hearth/notifications/page_cache_middleware.py"
    )
    assert scrub("open /intake/abc/ now", secrets=("abc",)) == "open /intake/[token]/ now"
