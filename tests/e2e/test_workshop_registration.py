"""A visitor registers for the demo workshop in Chromium, sees the confirmation, and
cancels with the manage link; and a waitlisted registration shows its place."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from hearth.install.demo_workshop import build_demo_workshop
from hearth.install.practice_file import load_practice, parse_practice_file
from hearth.workshops.models import Registration, Workshop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_workshop():
    text = Path(settings.HEARTH_DEMO_PRACTICE_FILE).read_text("utf-8")
    load_practice(document=parse_practice_file(text))
    return build_demo_workshop(now=timezone.now())


def register(page, base_url: str, name: str, button: str) -> None:
    page.goto(f"{base_url}/book/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workshops").click()
    page.get_by_role("link", name="Weekend intensive: steady ground").click()
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_label("Email", exact=True).fill(f"{name.lower()}@example.org")
    page.get_by_label("Where will you be during the sessions?").select_option("TX")
    page.get_by_label("It is OK to text me").check()
    page.get_by_label("I have read and agree to the").check()
    page.wait_for_timeout(3200)  # the form refuses submissions faster than a person types
    page.get_by_role("button", name=button).click()


@pytest.mark.parametrize("javascript", [True, False])
def test_register_and_cancel(browser, live_server, demo_workshop, javascript):
    context = browser.new_context(java_script_enabled=javascript, timezone_id="America/Chicago")
    page = context.new_page()
    page.goto(f"{live_server.url}/workshops/weekend-intensive/")
    assert page.get_by_text("7 seats left").is_visible()
    register(page, live_server.url, "Jordan", "Register")
    page.get_by_role("heading", name="You are registered").wait_for()
    assert page.get_by_text("If you are in crisis, call or text 988").is_visible()
    registration = Registration.objects.get(client_name="Jordan")
    # With JavaScript the browser's zone is chosen; without it, the practice's.
    zone = "America/Chicago" if javascript else "America/Los_Angeles"
    assert (registration.status, registration.client_timezone) == ("confirmed", zone)
    assert registration.contact_text_ok is True
    page.get_by_role("link", name="/workshops/registration/").click()
    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.get_by_text("Your registration is cancelled.").wait_for()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert Workshop.objects.get().seats_taken == 5
    context.close()


def test_a_full_workshop_offers_the_waitlist(browser, live_server, demo_workshop):
    Workshop.objects.filter(pk=demo_workshop.pk).update(capacity=5)
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.goto(f"{live_server.url}/workshops/")
    assert page.get_by_text("Full — join the waitlist").is_visible()
    register(page, live_server.url, "Sam", "Join the waitlist")
    page.get_by_role("heading", name="You are on the waitlist").wait_for()
    assert page.get_by_text("You are number 1 on the waitlist.").is_visible()
    first = demo_workshop.sessions.order_by("start").first().start
    assert first > timezone.now() + dt.timedelta(days=20)
    context.close()
