"""The system check on the practice's own name, email address and sender name."""

import pytest
from django.core import checks
from django.test import override_settings

from hearth.practice.models import Practice

pytestmark = pytest.mark.django_db


def warnings() -> list[tuple[str, str]]:
    return [
        (message.id, message.msg)
        for message in checks.run_checks()
        if message.id == "hearth.notifications.W001"
    ]


def test_a_neutral_practice_raises_no_warning():
    Practice.objects.update_or_create(pk=1, defaults={"name": "Rivera & Co", "email": "hi@x.org"})
    assert warnings() == []


@override_settings(HEARTH_EMAIL_SENDER_NAME="Sam at Crisis Care")
def test_a_practice_name_email_or_sender_with_a_word_no_message_may_carry_is_warned_about():
    Practice.objects.update_or_create(
        pk=1,
        defaults={"name": "Northside Counseling", "email": "hello@mental-health.example"},
    )
    ending = (
        ", a word no message may carry: every email and calendar file shows it, and a shared "
        "inbox or calendar would reveal why someone sees the practice."
    )
    assert warnings() == [
        ("hearth.notifications.W001", "The practice's name contains 'counseling'" + ending),
        ("hearth.notifications.W001", "The practice's email address contains 'mental'" + ending),
        ("hearth.notifications.W001", "HEARTH_EMAIL_SENDER_NAME contains 'crisis'" + ending),
    ]
