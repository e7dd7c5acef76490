"""An intake as the demo asks it: three questions and two documents, and one client's packet."""

from dataclasses import dataclass

import pytest

from hearth.intake.actions import packet_for
from hearth.intake.models import DocumentVersion, IntakePacket, IntakeQuestion, QuestionKind
from hearth.intake.tokens import packet_token
from hearth.practice.tests.factories import PractitionerFactory

from .factories import QuestionFactory, published_document


@dataclass
class Intake:
    packet: IntakePacket
    token: str
    reason: IntakeQuestion
    pronouns: IntakeQuestion
    counseling_before: IntakeQuestion
    disclosure: DocumentVersion
    telehealth: DocumentVersion

    @property
    def url(self) -> str:
        return f"/intake/{self.token}/"


@pytest.fixture
def intake(db) -> Intake:
    reason = QuestionFactory(label="What brings you to counseling?", kind=QuestionKind.LONG_TEXT)
    pronouns = QuestionFactory(label="Your pronouns", required=False)
    before = QuestionFactory(label="Have you had counseling before?", kind=QuestionKind.YES_NO)
    disclosure = published_document(
        title="Disclosure statement", body="Alex Rowan, LMHC.\n\nFees: $150 a session."
    )
    telehealth = published_document(
        title="Telehealth informed consent",
        body="Sessions are by video.",
        kind="telehealth_consent",
    )
    practitioner = PractitionerFactory(name="Alex Rowan", credentials="LMHC")
    packet = packet_for(practitioner=practitioner, email="sam@example.org", name="Sam Lee")
    return Intake(
        packet=packet,
        token=packet_token(packet.pk),
        reason=reason,
        pronouns=pronouns,
        counseling_before=before,
        disclosure=disclosure.versions.get(),
        telehealth=telehealth.versions.get(),
    )


def complete_form(intake: Intake, **changes) -> dict:
    """What a client sends who answers everything and signs both documents."""
    data = {
        f"question_{intake.reason.pk}": "Trouble sleeping since the move",
        f"question_{intake.pronouns.pk}": "",
        f"question_{intake.counseling_before.pk}": "no",
        f"agree_{intake.disclosure.pk}": "on",
        f"signature_{intake.disclosure.pk}": "Sam Lee",
        f"agree_{intake.telehealth.pk}": "on",
        f"signature_{intake.telehealth.pk}": "Sam Lee",
        "action": "submit",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
