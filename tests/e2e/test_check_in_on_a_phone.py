"""The location check-in on a phone: the manage page's card before the window and inside
it, the form, the plain page for a state outside the counselor's licenses, and the change
back. Nothing wider than the screen, every button and field big enough (the booking walk's
measures), and axe-core finds nothing. Set HEARTH_SCREENSHOTS to a folder to keep a picture of each step
(HEARTH_PHONE_WIDTHS="390,1280" walks at other widths too)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from hearth.bookings.models import Booking, SessionCheckIn
from hearth.bookings.tokens import manage_token
from hearth.core.ids import new_reference
from hearth.install.demo_intake import build_demo_intake
from hearth.intake.actions import packet_for
from hearth.notifications.models import OutboxMessage
from hearth.practice.models import Practitioner, Service

from .axe_check import violations
from .test_booking_on_a_phone import Walk, demo_practice  # noqa: F401 (a fixture)


class CheckedWalk(Walk):
    """The phone walk's measures, and axe-core on every step."""

    def __init__(self, page, width: int):
        super().__init__(page, width)
        self.found: list[str] = []

    def check(self, step: str) -> None:
        super().check(step)
        self.found += [f"[{step}] {line}" for line in violations(self.page)]


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTHS = [int(w) for w in os.environ.get("HEARTH_PHONE_WIDTHS", "390").split(",")]


@pytest.fixture
def demo_intake():
    build_demo_intake(
        intake_file=Path(settings.HEARTH_DEMO_PRACTICE_FILE).with_name("intake.toml")
    )


def counseling_in(hours: float, email: str) -> Booking:
    start = (timezone.now() + dt.timedelta(hours=hours)).replace(second=0, microsecond=0)
    booking = Booking.objects.create(
        service=Service.objects.get(slug="counseling"),
        practitioner=Practitioner.objects.get(slug="sam-rivera"),
        start=start,
        end=start + dt.timedelta(minutes=50),
        reference=new_reference(),
        client_name="Jordan Vale",
        client_email=email,
        client_timezone="America/Los_Angeles",
        location="WA",
        consent_at=timezone.now(),
        video_url="https://meet.example.org/abc",
    )
    packet_for(practitioner=booking.practitioner, email=email, name="Jordan Vale")
    return booking


@pytest.mark.parametrize("width", WIDTHS)
def test_the_check_in_fits_a_phone(
    browser,
    live_server,
    demo_practice,  # noqa: F811
    demo_intake,
    width,
):
    later = counseling_in(24 * 5, "later@example.org")
    soon = counseling_in(20, "jordan@example.org")
    context = browser.new_context(
        viewport={"width": width, "height": 780}, timezone_id="America/Los_Angeles"
    )
    page = context.new_page()
    walk = CheckedWalk(page, width)
    page.goto(f"{live_server.url}/book/manage/{manage_token(later.pk)}/")
    page.get_by_text("Check-in opens on").wait_for()
    walk.check("manage-before-check-in")
    page.goto(f"{live_server.url}/book/manage/{manage_token(soon.pk)}/")
    walk.check("manage-check-in-open")
    # An open check-in comes before the intake's card, which says what is left to do.
    cards = page.locator("section.summary-box h2").all_inner_texts()
    assert cards[:2] == ["Check-in: where you are for this session", "Your intake forms"]
    assert page.get_by_role("link", name="Fill in your forms").is_visible()
    page.get_by_role("link", name="Check in now").click()
    page.get_by_role("heading", name="Check in for your session").wait_for()
    walk.check("check-in-form")
    page.get_by_role("button", name="Confirm my check-in").click()
    page.get_by_text("Please choose the state you are in.").wait_for()
    walk.check("check-in-errors")
    page.get_by_label("Which state are you in for this session?").select_option("OR")
    page.get_by_label("The address where you are for the session").fill("4 Elm Road, Salem")
    page.get_by_label("Emergency contact's name").fill("Casey Vale")
    page.get_by_label("Emergency contact's phone").fill("+1 503 555 0100")
    page.get_by_role("button", name="Confirm my check-in").click()
    page.get_by_role(
        "heading", name="Your session can't go ahead while you are in Oregon"
    ).wait_for()
    walk.check("outside-licenses")
    assert SessionCheckIn.objects.get().outside_licenses is True
    assert OutboxMessage.objects.filter(kind="booking.practitioner_outside_licenses").count() == 1
    page.get_by_role("link", name="change your check-in").click()
    # Prefilled with what was just given.
    assert page.get_by_label("Emergency contact's name").input_value() == "Casey Vale"
    page.get_by_label("Which state are you in for this session?").select_option("WA")
    page.get_by_label("The address where you are for the session").fill("9 Lake Way, Spokane")
    page.get_by_role("button", name="Confirm my check-in").click()
    page.get_by_text("Thank you. Your check-in is saved.").wait_for()
    assert page.get_by_text("You confirmed you're in Washington").is_visible()
    walk.check("manage-checked-in")
    saved = SessionCheckIn.objects.get()
    assert (saved.state, saved.address, saved.outside_licenses) == (
        "WA",
        "9 Lake Way, Spokane",
        False,
    )
    assert walk.found == []
    context.close()
