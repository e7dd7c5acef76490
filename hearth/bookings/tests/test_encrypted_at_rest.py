"""What a client types is not in the database file or a dump of it, and the admin reads it back.

The rows are committed (a transactional test), so the SQLite file and its write-ahead log, or a
pg_dump of the PostgreSQL database, hold everything that was stored.
"""

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from hearth.bookings.models import Booking
from hearth.core.testing import form_fields
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.intake.links import admin_url
from hearth.intake.models import IntakePacket
from hearth.intake.tests.factories import QuestionFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGE = "Since the divorce I have had thoughts of suicide most nights"
PHONE = "206-555-0199"
FORM_MESSAGE = "My wife hits me and I feel ashamed to say it"


def database_bytes() -> bytes:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        name = Path(settings["NAME"])
        files = [name, Path(f"{name}-wal")]
        return b"".join(path.read_bytes() for path in files if path.exists())
    command = ["pg_dump", "--data-only", "--no-owner", "-h", settings["HOST"] or "127.0.0.1"]
    command += ["-p", str(settings["PORT"] or 5432), "-U", settings["USER"], settings["NAME"]]
    env = {"PGPASSWORD": settings["PASSWORD"] or ""}
    return subprocess.run(command, capture_output=True, check=True, env=env).stdout


def book_counseling(client, **extra):
    """Alex books the 12:00 EST counseling session through the API (`extra`: phone, message)."""
    body = {
        "service": "counseling",
        "start": "2027-03-10T12:00:00-05:00",
        "name": "Alex",
        "email": "alex@example.org",
        "location": "ID",
        "timezone": "America/New_York",
        "consent": True,
    }
    return client.post("/api/v1/bookings", body | extra, content_type="application/json")


def test_a_message_and_a_phone_number_are_absent_from_the_stored_bytes(client, practice):
    with time_machine.travel(NOW, tick=False) as clock:
        api = book_counseling(client, phone=PHONE, message=MESSAGE)
        assert api.status_code == 201, api.content
        visitor = client.get(
            "/book/counseling/details/",
            {"start": "2027-03-10T13:00:00-05:00", "location": "ID", "tz": "America/New_York"},
        )
        fields = form_fields(visitor.content.decode(), "form[method=post]")
        clock.shift(dt.timedelta(seconds=30))
        form = client.post(
            "/book/counseling/details/",
            fields
            | {"name": "Sam", "email": "sam@example.org", "consent": "on"}
            | {"message": FORM_MESSAGE},
        )
        assert form.status_code == 302
    by_api, by_form = Booking.objects.order_by("start")
    assert (by_api.message, by_api.client_phone, by_form.message) == (MESSAGE, PHONE, FORM_MESSAGE)

    stored = database_bytes()
    assert b"alex@example.org" in stored  # the check can see what is stored in clear
    for secret in (MESSAGE, "suicide", PHONE, FORM_MESSAGE, "ashamed"):
        assert secret.encode() not in stored

    admin = get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    sign_in_with_second_factor(client, admin)
    page = client.get(f"/admin/booking_admin/inspect/{by_api.pk}/").content.decode()
    assert MESSAGE in page and PHONE in page


def test_a_check_in_typed_through_the_form_is_absent_from_the_stored_bytes(client, practice):
    address, contact, phone = "77 Quarrington Lane, Boise", "Marisol Featherstone", "208-555-0177"
    with time_machine.travel(NOW, tick=False) as clock:
        api = book_counseling(client)
        assert api.status_code == 201, api.content
        clock.move_to(dt.datetime(2027, 3, 9, 18, tzinfo=dt.UTC))
        page = f"/book/manage/{api.json()['token']}/check-in/"
        fields = form_fields(client.get(page).content.decode(), "form[method=post]")
        answers = {"state": "ID", "address": address, "emergency_name": contact}
        response = client.post(page, fields | answers | {"emergency_phone": phone})
        assert response.status_code == 302
    stored = database_bytes()
    assert b"alex@example.org" in stored
    for secret in (address, "Quarrington", contact, "Featherstone", phone):
        assert secret.encode() not in stored
    admin = get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    sign_in_with_second_factor(client, admin)
    booking = Booking.objects.get()
    page = client.get(f"/admin/booking_admin/inspect/{booking.pk}/").content.decode()
    assert address in page and f"{contact}, {phone}" in page


def test_an_intake_answer_typed_through_the_form_is_absent_from_the_stored_bytes(client, practice):
    question = QuestionFactory(label="What brings you here now?", required=True)
    answer = "My brother Thaddeus died and I drink every night"
    with time_machine.travel(NOW, tick=False):
        api = book_counseling(client)
        page = api.json()["intake_url"].removeprefix(settings.HEARTH_SITE_URL)
        fields = form_fields(client.get(page).content.decode(), "form[method=post]")
        saved = client.post(page, fields | {f"question_{question.pk}": answer, "action": "save"})
        assert saved.status_code == 302
    stored = database_bytes()
    assert b"alex@example.org" in stored
    for secret in (answer, "Thaddeus", "drink every night"):
        assert secret.encode() not in stored
    admin = get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    sign_in_with_second_factor(client, admin)
    intake = client.get(admin_url(IntakePacket.objects.get())).content.decode()
    assert answer in intake
