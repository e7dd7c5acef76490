"""The demo intake: questions in order and four documents at version 1, added once."""

from pathlib import Path

import pytest
from django.conf import settings

from hearth.install.demo_intake import build_demo_intake
from hearth.intake.models import DocumentVersion, IntakeQuestion
from hearth.intake.queries import asked_now

pytestmark = pytest.mark.django_db
INTAKE_FILE = Path(settings.HEARTH_DEMO_PRACTICE_FILE).with_name("intake.toml")


def test_demo_intake_asks_the_questions_and_the_four_documents():
    assert build_demo_intake(intake_file=INTAKE_FILE) == (6, 4)

    asked = asked_now()
    assert [(q.label, q.kind, q.required) for q in asked.questions] == [
        ("What brings you to counseling now?", "long_text", True),
        ("Are you taking any medications at the moment?", "long_text", False),
        ("Have you had counseling or therapy before?", "yes_no", True),
        ("Your pronouns", "short_text", False),
        ("Date of birth", "date", True),
        ("How did you hear about the practice?", "choice", False),
    ]
    assert asked.questions[-1].choice_list[0] == "A friend or family member"
    assert [(v.document.kind, v.title, v.number) for v in asked.versions] == [
        ("disclosure", "Disclosure statement", 1),
        ("telehealth_consent", "Telehealth informed consent", 1),
        ("privacy_notice", "Notice of privacy practices", 1),
        ("financial_policy", "Financial policy", 1),
    ]


def test_disclosure_covers_what_washington_asks_of_a_licensed_counselor():
    build_demo_intake(intake_file=INTAKE_FILE)
    body = DocumentVersion.objects.get(title="Disclosure statement").body

    for words in (
        "Northfork Practice",  # the practice
        "Business address:",
        "Telephone:",
        "license number LF 61054321",  # Washington license number
        "Sam Rivera, LMFT, MHP",  # name and credentials
        "# Education and training",
        "# How I work",  # methods and orientation
        "# What to expect",  # course of treatment
        "A 50-minute counseling session costs $150.",  # cost per session
        "refunded within 14 days",  # advance payments and refunds
        "You may refuse counseling",
        "the right to choose the counselor and the kind of treatment",
        "does not give you new rights",
        "# Confidentiality and its limits",
        "Washington State Department of Health",
        "RCW 18.130.180",
    ):
        assert words in body


def test_demo_intake_is_added_only_to_an_install_without_one():
    IntakeQuestion.objects.create(label="Our own question")

    assert build_demo_intake(intake_file=INTAKE_FILE) == (0, 0)
    assert list(IntakeQuestion.objects.values_list("label", flat=True)) == ["Our own question"]
