"""The whole booking on a 360 px phone: choose, book, move, cancel and book again. On every
page nothing is wider than the screen, and every time button and primary button is at
least 44x44 CSS px, and every form field 44 px tall with 16 px text. Set HEARTH_SCREENSHOTS to a folder to keep a picture of each step
(HEARTH_PHONE_WIDTHS="390,1280" walks at other widths too)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from hearth.bookings.models import Booking
from hearth.install.demo_workshop import build_demo_workshop
from hearth.install.practice_file import load_practice, parse_practice_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [int(w) for w in os.environ.get("HEARTH_PHONE_WIDTHS", "360").split(",")]
SHOTS = os.environ.get("HEARTH_SCREENSHOTS", "")
TARGETS = "a.time, .button, button[type=submit], summary"

MEASURE = """(selector) => {
  const wide = document.documentElement.scrollWidth;
  const small = [...document.querySelectorAll(selector)]
    .filter((el) => el.offsetParent !== null)
    .map((el) => { const r = el.getBoundingClientRect();
      return {text: el.textContent.trim().slice(0, 40), width: r.width, height: r.height}; })
    .filter((box) => box.width < 44 || box.height < 44);
  const fields = [...document.querySelectorAll(
      "input[type=text], input[type=email], input[type=tel], select, textarea")]
    .filter((el) => el.offsetParent !== null && !el.closest("[aria-hidden=true]"))
    .map((el) => ({name: el.name, height: el.getBoundingClientRect().height,
                   font: parseFloat(getComputedStyle(el).fontSize)}))
    .filter((field) => field.height < 44 || field.font < 16);
  return {wide, viewport: window.innerWidth, small, fields,
          targets: document.querySelectorAll(selector).length};
}"""


@pytest.fixture
def demo_practice():
    text = Path(settings.HEARTH_DEMO_PRACTICE_FILE).read_text("utf-8")
    load_practice(document=parse_practice_file(text))
    build_demo_workshop(now=timezone.now())


class Walk:
    def __init__(self, page, width: int):
        self.page, self.width, self.seen = page, width, []

    def check(self, step: str) -> None:
        self.page.wait_for_load_state()
        found = self.page.evaluate(MEASURE, TARGETS)
        assert found["viewport"] == self.width, step
        assert found["wide"] <= found["viewport"], (step, found["wide"])
        assert found["small"] == [], (step, found["small"])
        # Form fields: at least 44 px tall, with 16 px text (a phone does not zoom in).
        assert found["fields"] == [], (step, found["fields"])
        self.seen.append((step, found["targets"]))
        if SHOTS:
            folder = Path(SHOTS)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{self.width}-{len(self.seen):02d}-{step}.png"
            self.page.screenshot(path=str(path), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_whole_booking_fits_a_phone(browser, live_server, demo_practice, width):
    context = browser.new_context(
        viewport={"width": width, "height": 780}, timezone_id="America/Chicago"
    )
    page = context.new_page()
    walk = Walk(page, width)
    page.goto(f"{live_server.url}/book/")
    walk.check("services")
    assert page.get_by_role("heading", name="Workshops").is_visible()
    page.get_by_role("link", name="Free 15-minute consultation").click()
    walk.check("where")
    page.get_by_label("Where will you be during the session?").select_option("TX")
    page.get_by_role("button", name="Show available times").click()
    page.locator("a.time").first.wait_for()
    walk.check("times")
    page.get_by_role("link", name="Later").click()
    page.locator(".days a.day").last.click()
    page.locator("a.time").first.wait_for()
    walk.check("later-day")
    page.locator("a.time").last.click()
    walk.check("details")
    page.get_by_label("Your name", exact=True).fill("Jordan")
    page.get_by_label("Email", exact=True).fill("jordan@example")
    page.get_by_label("I have read and agree to the").check()
    page.wait_for_timeout(2000)  # as quick as the browser's autofill and a tap
    page.get_by_role("button", name="Confirm booking").click()
    # The error sits beside the field, and everything typed is kept.
    page.get_by_text("Enter a valid email address.").wait_for()
    assert page.get_by_label("Your name", exact=True).input_value() == "Jordan"
    assert page.get_by_label("I have read and agree to the").is_checked()
    walk.check("details-error")
    page.get_by_label("Email", exact=True).fill("jordan@example.org")
    page.wait_for_timeout(2000)
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_role("heading", name="You are booked").wait_for()
    walk.check("done")
    page.get_by_role("link", name="/book/manage/").click()
    walk.check("manage")
    page.locator("#move a.time").first.click()
    walk.check("move")
    page.get_by_role("button", name="Move my booking").click()
    page.get_by_text("Your booking has been moved.").wait_for()
    walk.check("moved")
    page.get_by_role("link", name="Cancel my booking").click()
    walk.check("cancel")
    assert Booking.objects.get().status == "confirmed"
    page.get_by_role("button", name="Yes, cancel my booking").click()
    page.get_by_text("Your booking is cancelled.").wait_for()
    walk.check("cancelled")
    page.get_by_role("link", name="Book another time").click()
    page.locator("a.time").first.wait_for()
    walk.check("book-again")
    assert Booking.objects.get().status == "cancelled"
    # Time buttons were measured on the pages that have them.
    assert dict(walk.seen)["times"] > 1 and dict(walk.seen)["manage"] > 1
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_workshop_registration_fits_a_phone(browser, live_server, demo_practice, width):
    context = browser.new_context(
        viewport={"width": width, "height": 780}, timezone_id="America/Chicago"
    )
    page = context.new_page()
    walk = Walk(page, width)
    page.goto(f"{live_server.url}/book/")
    page.get_by_role("link", name="Weekend intensive: steady ground").click()
    walk.check("workshop")
    assert page.get_by_text("$450 for all sessions, paid to the practice directly.").is_visible()
    page.get_by_label("Your name", exact=True).fill("Jordan")
    page.get_by_label("Email", exact=True).fill("jordan@example.org")
    page.get_by_label("Where will you be during the sessions?").select_option("TX")
    page.get_by_label("I have read and agree to the").check()
    page.wait_for_timeout(2000)
    page.get_by_role("button", name="Register").click()
    page.get_by_role("heading", name="You are registered").wait_for()
    walk.check("registered")
    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_role("heading", name="Cancel your registration?").wait_for()
    walk.check("registration-cancel-step")
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.get_by_text("Your registration is cancelled.").wait_for()
    walk.check("registration-cancelled")
    assert page.get_by_text("Keep this link").count() == 0
    context.close()
