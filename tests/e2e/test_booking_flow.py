"""A new visitor books the free consultation and cancels it, with and without JavaScript."""

from pathlib import Path

import pytest
from django.conf import settings
from icalendar import Calendar

from hearth.bookings.models import Booking
from hearth.install.practice_file import load_practice, parse_practice_file

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_practice():
    text = Path(settings.HEARTH_DEMO_PRACTICE_FILE).read_text("utf-8")
    load_practice(document=parse_practice_file(text))


def calendar_event(message):
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(part.get_content())
    return str(calendar["METHOD"]), calendar.walk("VEVENT")[0]


def book_and_cancel(page, base_url: str) -> None:
    page.goto(f"{base_url}/book/free-consultation/")
    page.get_by_label("Where will you be during the session?").select_option("TX")
    page.get_by_role("button", name="Show available times").click()
    page.locator("a.time").first.click()
    page.get_by_label("Your name", exact=True).fill("Jordan")
    page.get_by_label("Email", exact=True).fill("jordan@example.org")
    page.get_by_label("It is OK to text me").check()
    page.get_by_label("I have read and agree to the").check()
    page.wait_for_timeout(1200)  # the form refuses a send within a second of showing it
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_role("heading", name="You are booked").wait_for()
    page.get_by_role("link", name="/book/manage/").click()
    page.get_by_role("link", name="Cancel my booking").click()
    page.get_by_role("button", name="Yes, cancel my booking").click()
    page.get_by_text("Your booking is cancelled.").wait_for()


def test_booking_with_javascript_shows_times_in_the_browsers_zone(
    browser, live_server, demo_practice, smtp
):
    context = browser.new_context(timezone_id="America/Chicago")
    page = context.new_page()
    page.goto(f"{live_server.url}/book/free-consultation/")
    assert page.get_by_label("Show times in").input_value() == "America/Chicago"
    book_and_cancel(page, live_server.url)
    booking = Booking.objects.get()
    assert (booking.client_timezone, booking.location, booking.status) == (
        "America/Chicago",
        "TX",
        "cancelled",
    )
    assert booking.contact_text_ok is True
    # The confirmation and the cancellation reached the SMTP server, each with its .ics.
    to_client = [m for m in smtp.messages if m["To"] == "jordan@example.org"]
    assert [m["Subject"].split(" on ")[0] for m in to_client] == [
        "Your appointment with Sam Rivera",
        "Cancelled: your appointment with Sam Rivera",
    ]
    (method, event), (cancel_method, cancelled) = map(calendar_event, to_client)
    assert (method, str(event["UID"]), event["SEQUENCE"], event.decoded("DTSTART")) == (
        "REQUEST",
        f"{booking.reference}@hearth",
        0,
        booking.start,
    )
    assert (cancel_method, str(cancelled["UID"]), cancelled["SEQUENCE"]) == (
        "CANCEL",
        f"{booking.reference}@hearth",
        1,
    )
    assert str(event["LOCATION"]).startswith("https://meet.example.org/")
    assert "(America/Chicago time)" in to_client[0].get_body(("plain",)).get_content()
    assert {m["To"] for m in smtp.messages} == {"jordan@example.org", "sam@northfork.example"}
    context.close()


def test_booking_without_javascript(browser, live_server, demo_practice):
    context = browser.new_context(java_script_enabled=False, timezone_id="America/Chicago")
    page = context.new_page()
    book_and_cancel(page, live_server.url)
    booking = Booking.objects.get()
    # Without JavaScript the practice's own zone is the default.
    assert (booking.client_timezone, booking.status) == ("America/Los_Angeles", "cancelled")
    context.close()
