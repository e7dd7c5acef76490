"""Messages carry the minimum: never the workshop's title or kind, nor the words DESIGN.md
"What a message may say" lists; .ics files hold every session."""

import datetime as dt

import pytest
from icalendar import Calendar

from hearth.notifications.rendering import forbidden_words_in
from hearth.workshops.notify import KINDS, MessageFacts, build_message, build_practitioner_note

from .conftest import NOW, SATURDAY, SUNDAY


def facts(kind: str) -> MessageFacts:
    return MessageFacts(
        kind=kind,
        first_name="Jordan",
        reference="ABCD2345",
        zone="America/Chicago",
        sessions=(SATURDAY, SUNDAY),
        practitioner_name="Sam Rivera",
        manage_url="https://example.org/workshops/registration/1.x/",
        practice_contact="hello@example.org",
        video_url="https://video.example.org/r",
        position=2 if kind == "waitlisted" else None,
        offer_expires_at=NOW + dt.timedelta(hours=24) if kind == "offered" else None,
    )


@pytest.mark.parametrize("kind", KINDS)
def test_no_message_says_why(kind):
    message = build_message(facts(kind), now=NOW)
    text = " ".join([message.subject, message.text, (message.ics or b"").decode()])
    assert forbidden_words_in(text) == []
    assert message.text.startswith("Hello Jordan,\n")
    assert "https://example.org/workshops/registration/1.x/" in message.text
    assert "Questions: hello@example.org" in message.text


def test_confirmation_lists_sessions_in_the_clients_zone_with_an_ics_of_each():
    message = build_message(facts("confirmed"), now=NOW)
    assert message.subject == "Your workshop seat with Sam Rivera is confirmed"
    assert "  - Saturday, April 10, 2027, 11:00 AM–6:00 PM\n" in message.text
    assert (
        "  - Sunday, April 11, 2027, 11:00 AM–3:00 PM\n  (times in America/Chicago)"
        in message.text
    )
    assert "Video link: https://video.example.org/r" in message.text
    events = Calendar.from_ical(message.ics).walk("VEVENT")
    assert [(e.decoded("dtstart"), e.decoded("dtend"), str(e["uid"])) for e in events] == [
        (*SATURDAY, "ABCD2345-1@hearth"),
        (*SUNDAY, "ABCD2345-2@hearth"),
    ]
    assert {str(e["summary"]) for e in events} == {"Workshop with Sam Rivera"}


def test_cancellations_cancel_the_calendar_events():
    for kind in ("cancelled", "workshop_cancelled"):
        calendar = Calendar.from_ical(build_message(facts(kind), now=NOW).ics)
        assert str(calendar["method"]) == "CANCEL"
        assert {str(e["status"]) for e in calendar.walk("VEVENT")} == {"CANCELLED"}


def test_waitlist_and_practitioner_note():
    assert "You are number 2 on the waitlist." in build_message(facts("waitlisted"), now=NOW).text
    note = build_practitioner_note(facts("confirmed"), subject="Bring water", body=" Hi all. ")
    assert (note.subject, note.text.splitlines()[:3]) == (
        "Bring water",
        ["Hello Jordan,", "", "Hi all."],
    )
