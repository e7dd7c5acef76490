"""Intake answers and signatures follow a data-key rotation (hearth.core.key_rotation)."""

import pytest
from cryptography.fernet import Fernet

from hearth.core.key_rotation import rotate_everything, values_under_older_keys
from hearth.intake.models import Acknowledgment, IntakeAnswer

from .conftest import complete_form

pytestmark = pytest.mark.django_db
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def test_answers_and_signatures_read_after_rotating_and_dropping_the_old_key(
    client, intake, settings
):
    settings.HEARTH_DATA_KEYS = [KEY_A]
    client.post(intake.url, complete_form(intake))

    settings.HEARTH_DATA_KEYS = [KEY_B, KEY_A]
    assert values_under_older_keys() == 4
    counts = rotate_everything()
    assert counts["intake.IntakeAnswer.value"].rotated == 2
    assert counts["intake.Acknowledgment.signed_name"].rotated == 2

    settings.HEARTH_DATA_KEYS = [KEY_B]
    assert values_under_older_keys() == 0
    assert IntakeAnswer.objects.get(question=intake.reason).value == (
        "Trouble sleeping since the move"
    )
    assert {ack.signed_name for ack in Acknowledgment.objects.all()} == {"Sam Lee"}
