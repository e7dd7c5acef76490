"""What a client types into the intake form is in no table and, on SQLite, in neither the
database file nor its log: only Fernet tokens are stored; the page still reads it back."""

import pytest
from django.db import connection

from hearth.intake.models import Acknowledgment, IntakeAnswer
from hearth.rights.tests.scan import sqlite_files_holding, tables_holding

from .conftest import complete_form

pytestmark = pytest.mark.django_db(transaction=True)
ANSWER = "Nightmares about the accident"
SIGNATURE = "Samuel Quincy Lee"


def test_typed_answers_and_signatures_are_nowhere_in_plain_text(client, intake):
    data = complete_form(
        intake,
        **{
            f"question_{intake.reason.pk}": ANSWER,
            f"signature_{intake.disclosure.pk}": SIGNATURE,
            f"signature_{intake.telehealth.pk}": SIGNATURE,
        },
    )
    assert client.post(intake.url, data).status_code == 302
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    assert tables_holding(ANSWER.lower()) == []
    assert tables_holding(SIGNATURE.lower()) == []
    assert tables_holding("sam@example.org") == ["intake_intakepacket"]  # the scan finds text
    if connection.vendor == "sqlite":
        assert sqlite_files_holding(ANSWER) == []
        assert sqlite_files_holding(SIGNATURE) == []
    assert IntakeAnswer.objects.get(question=intake.reason).value == ANSWER
    assert {ack.signed_name for ack in Acknowledgment.objects.all()} == {SIGNATURE}
    page = client.get(f"{intake.url}signed/").content.decode()
    assert f"<dd>{SIGNATURE}</dd>" in page
