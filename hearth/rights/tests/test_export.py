"""The export of everything held about an email address: data, command and admin download."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from hearth.notifications.models import OutboxMessage
from hearth.rights.exports import CSV_HEADER
from hearth.rights.queries import client_export

from .conftest import EMAIL, MESSAGE, NAME, PHONE

pytestmark = pytest.mark.django_db


def test_export_holds_every_kind_of_record_for_the_address_in_any_case(person):
    data = client_export(email=EMAIL.upper(), now=person.booking.created_at)
    assert data["email"] == EMAIL.lower()
    assert [b["reference"] for b in data["bookings"]] == [person.booking.reference]
    booking = data["bookings"][0]
    assert (booking["name"], booking["email"], booking["phone"], booking["message"]) == (
        NAME,
        EMAIL,
        PHONE,
        MESSAGE,
    )
    assert booking["service"] == "Free 15-minute consultation"
    assert [r["reference"] for r in data["workshop_registrations"]] == [
        person.registration.reference
    ]
    assert [(c["name"], c["body"]) for c in data["comments"]] == [
        (NAME, "This helped me make the call.")
    ]
    assert sorted(e["action"] for e in data["audit_entries"]) == [
        "booking.created",
        "registration.created",
    ]
    assert [c["record"] for c in data["consents"]] == [
        f"booking {person.booking.reference}",
        f"registration {person.registration.reference}",
    ]
    assert data["consents"][0]["ok_to_text"] is True
    assert data["consents"][0]["ok_to_leave_voicemail"] is False


def test_export_lists_messages_by_their_metadata_only(person):
    data = client_export(email=EMAIL, now=person.booking.created_at)
    # To them, and the practice's notices about their booking, registration and comment.
    assert sorted((m["kind"], m["to"].lower() == EMAIL.lower()) for m in data["messages"]) == [
        ("booking.confirmed", True),
        ("booking.practitioner_new", False),
        ("engagement.comment", False),
        ("workshop.confirmed", True),
        ("workshop.practitioner_confirmed", False),
    ]
    assert set(data["messages"][0]) == {
        "kind",
        "to",
        "subject",
        "status",
        "about",
        "created_at",
        "sent_at",
    }
    text = json.dumps(data)
    for message in OutboxMessage.objects.all():
        assert message.text not in text


def test_export_of_someone_else_holds_nothing_of_theirs(person):
    data = client_export(email="someone.else@example.org", now=person.booking.created_at)
    assert [
        data[k]
        for k in (
            "bookings",
            "workshop_registrations",
            "comments",
            "messages",
            "audit_entries",
            "consents",
        )
    ] == [[]] * 6
    assert NAME not in json.dumps(data)


def test_client_export_command_prints_json_and_csv(person, capsys):
    call_command("client_export", EMAIL)
    printed = json.loads(capsys.readouterr().out)
    assert printed["bookings"][0]["reference"] == person.booking.reference
    call_command("client_export", EMAIL, "--format", "csv")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == CSV_HEADER
    assert ["bookings", "1", "phone", "'" + PHONE] in rows  # a leading + is formula-safe
    assert ["bookings", "1", "reference", person.booking.reference] in rows
    assert ["comments", "1", "name", NAME] in rows
