"""Every absolute link a client is handed comes from HEARTH_SITE_URL, whatever host asked."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.tokens import manage_token
from hearth.notifications.models import OutboxMessage
from hearth.practice.models import Practice

from .conftest import NOW

pytestmark = pytest.mark.django_db
SITE = "http://127.0.0.1:8765"


@pytest.fixture
def booking(practice, settings):
    settings.HEARTH_SITE_URL = SITE
    record = Practice.load()
    record.email = "hello@practice.example"
    record.save()
    with time_machine.travel(NOW, tick=False):
        yield book_slot(
            service=practice["counseling"],
            start=dt.datetime(2027, 3, 10, 17, 0, tzinfo=dt.UTC),
            client=ClientDetails(
                name="Alex Doe",
                email="alex@example.org",
                phone="",
                location="ID",
                timezone="America/New_York",
            ),
            now=NOW,
        ).booking


def test_email_and_calendar_file_link_to_the_site_url(booking):
    manage = f"{SITE}/book/manage/{manage_token(booking.pk)}/"
    confirmation = OutboxMessage.objects.get(kind="booking.confirmed")
    assert f"To change or cancel: {manage}" in confirmation.text
    assert f'href="{manage}"' in confirmation.html
    (attachment,) = confirmation.attachments
    event = Calendar.from_ical(attachment["content"]).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]).endswith(f"To change or cancel: {manage}")
    assert "8000" not in confirmation.text + confirmation.html + str(attachment["content"])
    assert mail.outbox == []  # queued only: delivery is the outbox's job


def test_confirmation_page_shows_the_site_url_link_not_the_request_host(booking, client):
    token = manage_token(booking.pk)
    body = client.get(f"/book/done/{token}/", HTTP_HOST="localhost").content.decode()
    assert f"{SITE}/book/manage/{token}/" in body
    assert "http://localhost" not in body
    assert "testserver" not in body
