"""Export and erasure of a client's intake (called by hearth.rights)."""

import datetime as dt

import pytest

from hearth.intake.actions import packet_for, save_intake
from hearth.intake.models import Acknowledgment, IntakeAnswer, IntakePacket
from hearth.intake.rights import erase_for, export_of
from hearth.practice.tests.factories import PractitionerFactory

from .factories import QuestionFactory, published_document

pytestmark = pytest.mark.django_db

SIGNED_AT = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)


def _filled_packet(email="sam@example.org"):
    question = QuestionFactory(label="What brings you here?")
    version = published_document(title="Disclosure statement").versions.get()
    packet = packet_for(
        practitioner=PractitionerFactory(name="Alex Rowan"), email=email, name="Sam Lee"
    )
    save_intake(
        packet=packet,
        answers={question.pk: "Trouble sleeping"},
        signatures={version.pk: "Sam Lee"},
        submit=True,
        now=SIGNED_AT,
    )
    return packet


def test_export_holds_answers_and_signatures_with_their_documents():
    packet = _filled_packet()

    exported = export_of(email="SAM@example.org")

    assert exported == {
        "intake_packets": [
            {
                "practitioner": "Alex Rowan",
                "name": "Sam Lee",
                "email": "sam@example.org",
                "created_at": packet.created_at.isoformat(),
                "completed_at": "2026-03-02T17:30:00+00:00",
                "answers": [{"question": "What brings you here?", "answer": "Trouble sleeping"}],
                "acknowledgments": [
                    {
                        "document": "Disclosure statement",
                        "version": 1,
                        "signed_name": "Sam Lee",
                        "signed_at": "2026-03-02T17:30:00+00:00",
                    }
                ],
            }
        ]
    }
    assert export_of(email="other@example.org") == {"intake_packets": []}


def test_erase_deletes_the_clients_packets_answers_and_signatures_only():
    _filled_packet()
    other = packet_for(practitioner=PractitionerFactory(), email="kim@example.org", name="Kim")

    assert erase_for(email="Sam@Example.org") == 1

    assert list(IntakePacket.objects.values_list("pk", flat=True)) == [other.pk]
    assert IntakeAnswer.objects.count() == 0
    assert Acknowledgment.objects.count() == 0
    assert erase_for(email="sam@example.org") == 0
