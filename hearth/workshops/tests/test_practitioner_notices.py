"""The practitioner is told of workshop registrations and cancellations, as for bookings: a
short notice with the seat count and a link to the roster, never the title or a client's
words; nothing without an email address."""

import pytest
from django.conf import settings

from hearth.notifications.models import OutboxMessage
from hearth.notifications.rendering import forbidden_words_in
from hearth.workshops.actions import Attendee, cancel_registration, register

from .conftest import NOW

pytestmark = pytest.mark.django_db


def attendee(name: str) -> Attendee:
    return Attendee(
        name=name,
        email=f"{name.lower()}@example.org",
        location="ID",
        timezone="America/New_York",
    )


def notices() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(recipient="sam@example.org").order_by("id"))


def test_registrations_waitlist_and_cancellations_reach_the_practitioner(sam, intensive):
    sam.email = "sam@example.org"
    sam.save()
    registrations = [
        register(workshop=intensive, attendee=attendee(name), now=NOW).registration
        for name in ("Alex", "Blake", "Casey", "Drew")
    ]
    cancel_registration(registration=registrations[0], now=NOW)
    sent = notices()
    assert [message.kind for message in sent] == [
        "workshop.practitioner_confirmed",
        "workshop.practitioner_confirmed",
        "workshop.practitioner_confirmed",
        "workshop.practitioner_waitlisted",
        "workshop.practitioner_cancelled",
    ]
    first, full, cancelled = sent[0], sent[3], sent[4]
    assert first.subject == f"New workshop registration ({registrations[0].reference})"
    assert first.text == (
        "New workshop registration: a seat was taken.\n\n"
        "First session: Saturday, April 10, 2027, 9:00 AM PDT\n"
        "Seats taken: 1 of 3\n"
        f"Reference: {registrations[0].reference}\n\n"
        f"The roster is in the admin: {settings.HEARTH_SITE_URL}"
        f"/admin/workshop_admin/roster/{intensive.pk}/\n"
    )
    assert "added to the waitlist (the workshop is full)" in full.text
    # Drew took the freed seat in the same transaction: still 3 of 3.
    assert cancelled.subject == f"Workshop registration cancelled ({registrations[0].reference})"
    assert "Seats taken: 3 of 3" in cancelled.text
    for message in sent:
        assert "Weekend intensive" not in message.subject + message.text
        assert "Alex" not in message.text and "alex@" not in message.text
        assert forbidden_words_in(message.subject + message.text) == []


def test_no_notice_without_the_practitioners_email(sam, intensive):
    register(workshop=intensive, attendee=attendee("Alex"), now=NOW)
    assert not OutboxMessage.objects.filter(kind__startswith="workshop.practitioner").exists()


def test_the_demo_set_up_registers_without_telling_the_practitioner(sam, intensive):
    sam.email = "sam@example.org"
    sam.save()
    register(workshop=intensive, attendee=attendee("Alex"), now=NOW, tell_practitioner=False)
    assert notices() == []
