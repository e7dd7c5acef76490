import datetime as dt
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail

from hearth.core.testing import form_fields
from hearth.workshops.actions import register
from hearth.workshops.models import Registration, Workshop
from hearth.workshops.tokens import registration_token

from .conftest import DEADLINE, NOW, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def submit(client, clock, slug="weekend-intensive", **values):
    page = client.get(f"/workshops/{slug}/")
    data = (
        form_fields(page.content.decode())
        | {
            "name": "Jordan Lee",
            "email": "jordan@example.org",
            "location": "TX",
            "tz": "America/Chicago",
            "consent": "on",
        }
        | values
    )
    clock.shift(dt.timedelta(seconds=5))
    return client.post(f"/workshops/{slug}/", data)


def test_list_shows_seats_left_and_full(client, clock, intensive):
    assert "3 seats left" in text_of(client.get("/workshops/"))
    for n in range(3):
        register(workshop=intensive, attendee=person(n), now=NOW)
    body = text_of(client.get("/workshops/"))
    assert "Full — join the waitlist" in body
    assert "Saturday, April 10, 2027, 9:00 AM – 4:00 PM" in body
    assert "Times in America/Los_Angeles." in body


def test_register_without_javascript_then_cancel(
    client, clock, intensive, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, clock)
    registration = Registration.objects.get()
    token = registration_token(registration.pk)
    assert response.status_code == 302
    assert response["Location"] == f"/workshops/registration/{token}/?new=1"
    page = client.get(response["Location"])
    body = text_of(page)
    assert "You are registered" in body
    # Times in the zone the client chose.
    assert "Saturday, April 10, 2027, 11:00 AM – 6:00 PM" in body
    assert "In danger or crisis? Call 911, or call or text 988." in body
    assert (registration.client_timezone, registration.location) == ("America/Chicago", "TX")
    assert mail.outbox[0].subject == "Your workshop seat with Sam Rivera is confirmed"
    cancelled = client.post(f"/workshops/registration/{token}/cancel/")
    assert cancelled.status_code == 302
    assert "Your registration is cancelled." in text_of(client.get(cancelled["Location"]))


def test_full_workshop_form_joins_the_waitlist_with_a_position(client, clock, intensive):
    for n in range(4):
        register(workshop=intensive, attendee=person(n), now=NOW)
    page = text_of(client.get("/workshops/weekend-intensive/"))
    assert "Full — join the waitlist (1 waiting)" in page
    response = submit(client, clock)
    body = text_of(client.get(response["Location"]))
    assert "You are on the waitlist" in body
    assert "You are number 2 on the waitlist." in body


def test_refusals_are_sentences_and_write_nothing(client, clock, clinical):
    response = submit(client, clock, slug="group", location="WA")
    assert response.status_code == 422
    assert "Group is available only while you are physically in Idaho" in text_of(response)
    clock.move_to(DEADLINE + dt.timedelta(hours=1))
    page = client.get("/workshops/group/")
    assert "Registration closed" in text_of(page)
    assert b'<form method="post"' not in page.content
    assert Registration.objects.count() == 0


def test_form_errors_are_shown(client, clock, intensive):
    response = submit(client, clock, consent="", location="")
    assert response.status_code == 422
    body = text_of(response)
    assert "Please agree to the privacy notice to register." in body
    assert "Please choose a state." in body
    assert Registration.objects.count() == 0


def test_pages_have_no_inline_scripts_or_styles(client, clock, intensive):
    token = registration_token(
        register(workshop=intensive, attendee=person(1), now=NOW).registration.pk
    )
    for path in (
        "/workshops/",
        "/workshops/weekend-intensive/",
        f"/workshops/registration/{token}/",
    ):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200
        # JSON-LD is data, not script; anything else must load from a file.
        assert not re.search(
            r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))[^>]*>", html
        ), path
        assert "style=" not in html and "<style" not in html
        assert response.has_header("Content-Security-Policy")


def test_calendar_file_has_every_session(client, clock, intensive):
    from icalendar import Calendar

    token = registration_token(
        register(workshop=intensive, attendee=person(1), now=NOW).registration.pk
    )
    response = client.get(f"/workshops/registration/{token}/calendar.ics")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["summary"]), e.decoded("dtstart").isoformat()) for e in events] == [
        ("Workshop with Sam Rivera", "2027-04-10T16:00:00+00:00"),
        ("Workshop with Sam Rivera", "2027-04-11T16:00:00+00:00"),
    ]


def test_unknown_workshop_and_forged_token_are_404(client, intensive):
    Workshop.objects.filter(pk=intensive.pk).update(status="draft")
    assert client.get("/workshops/weekend-intensive/").status_code == 404
    assert client.get("/workshops/registration/1.forged/").status_code == 404


def test_offered_seat_is_taken_from_the_manage_page(client, clock, intensive):
    from hearth.workshops.actions import cancel_registration

    Workshop.objects.filter(pk=intensive.pk).update(offer_hold_hours=24)
    people = [
        register(workshop=intensive, attendee=person(n), now=NOW).registration for n in range(4)
    ]
    cancel_registration(registration=people[0], now=NOW)
    token = registration_token(people[3].pk)
    page = text_of(client.get(f"/workshops/registration/{token}/"))
    assert "A seat is held for you" in page
    assert "held for you until Tuesday, March 2 at 6:00 AM (America/Chicago)" in page
    response = client.post(f"/workshops/registration/{token}/accept/")
    assert response.status_code == 302
    assert "The seat is yours." in text_of(client.get(response["Location"]))
    people[3].refresh_from_db()
    assert people[3].status == "confirmed"


def test_every_answer_carrying_a_registration_token_is_private_and_not_stored(
    client, clock, intensive
):
    token = registration_token(
        register(workshop=intensive, attendee=person(1), now=NOW).registration.pk
    )
    for response in (
        client.get(f"/workshops/registration/{token}/"),
        client.get(f"/workshops/registration/{token}/calendar.ics"),
        client.post(f"/workshops/registration/{token}/accept/"),
        client.post(f"/workshops/registration/{token}/cancel/"),
    ):
        cache_control = set(response["Cache-Control"].replace(" ", "").split(","))
        assert {"private", "no-store"} <= cache_control, response


def test_registering_needs_the_proof_of_work(client, clock, intensive, settings):
    from hearth.core.tests.test_proof_of_work import solved

    settings.HEARTH_PROOF_OF_WORK = True
    settings.HEARTH_UNPROVEN_FORMS_PER_HOUR = 0
    refused = submit(client, clock, proof="bm9uc2Vuc2U=")
    assert refused.status_code == 422
    assert "Your browser’s automatic check did not finish." in text_of(refused).replace("'", "’")
    unproven = submit(client, clock)  # no answer, and none left for this network this hour
    assert unproven.status_code == 422
    assert "Your browser did not run this page’s automatic check" in text_of(unproven).replace(
        "'", "’"
    )
    assert not Registration.objects.exists()
    assert submit(client, clock, proof=solved(client)).status_code == 302
    assert Registration.objects.count() == 1


def test_fee_and_how_it_is_paid_on_the_page_the_confirmation_and_the_email(
    client, clock, intensive, django_capture_on_commit_callbacks
):
    sentence = "$450 for all sessions, paid to the practice directly. Nothing is charged online."
    assert sentence in text_of(client.get("/workshops/weekend-intensive/"))
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, clock)
    assert f"<dt>Fee</dt><dd>{sentence}</dd>" in client.get(response["Location"]).content.decode()
    assert f"Fee: {sentence}" in mail.outbox[0].body


def test_a_cancelled_registration_no_longer_offers_to_cancel(client, clock, intensive):
    token = registration_token(
        register(workshop=intensive, attendee=person(1), now=NOW).registration.pk
    )
    assert "Keep this link to see or cancel" in text_of(
        client.get(f"/workshops/registration/{token}/")
    )
    client.post(f"/workshops/registration/{token}/cancel/")
    page = client.get(f"/workshops/registration/{token}/")
    body = text_of(page)
    assert "Your registration is cancelled" in body
    assert "Keep this link" not in body and "Cancel my registration" not in body
    assert b'href="/workshops/">See other workshops</a>' in page.content


def test_cancelling_asks_first_and_changes_nothing_until_confirmed(client, clock, intensive):
    registration = register(workshop=intensive, attendee=person(1), now=NOW).registration
    token = registration_token(registration.pk)
    manage = client.get(f"/workshops/registration/{token}/").content.decode()
    assert f'href="/workshops/registration/{token}/cancel/">Cancel my registration</a>' in manage
    sent = len(mail.outbox)
    step = client.get(f"/workshops/registration/{token}/cancel/")
    assert step.status_code == 200
    body = text_of(step)
    assert "Cancel your registration?" in body
    assert "Yes, cancel my registration" in body and "Keep my registration" in body
    registration.refresh_from_db()
    assert registration.status == "confirmed" and len(mail.outbox) == sent
    assert Workshop.objects.get(pk=intensive.pk).seats_taken == 1
    done = client.post(f"/workshops/registration/{token}/cancel/")
    assert done["Location"] == f"/workshops/registration/{token}/?cancelled=1"
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    # Once cancelled, the step leads back to the registration's page.
    again = client.get(f"/workshops/registration/{token}/cancel/")
    assert again.status_code == 302 and again["Location"] == f"/workshops/registration/{token}/"
