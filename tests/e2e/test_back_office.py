"""The practitioner runs the day from a phone (390x844): the agenda, a booking's page, cancel
with a note the client receives, and a past session marked no-show.

Set HEARTH_SCREENSHOT_DIR (e.g. docs/screenshots) to save each screen at phone and desktop
size while the test runs."""

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hearth.bookings.models import Booking
from hearth.bookings.tests.factories import BookingFactory
from hearth.practice.models import Practitioner, Service
from tests.e2e.admin_sign_in import sign_in_to_admin

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PRACTICE_ZONE = ZoneInfo("America/Los_Angeles")  # the demo practice's


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def shoot(page, name: str) -> None:
    folder = os.environ.get("HEARTH_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def log_in(browser, base: str, password: str, viewport: dict):
    context = browser.new_context(viewport=viewport, timezone_id="America/Chicago")
    page = context.new_page()
    sign_in_to_admin(page, base, "admin", password)
    return context, page


def book_through_the_api(request, base: str) -> dict:
    today = dt.datetime.now(tz=PRACTICE_ZONE).date()
    slots = request.get(
        f"{base}/api/v1/services/free-consultation/slots",
        params={
            "start": today.isoformat(),
            "end": (today + dt.timedelta(days=13)).isoformat(),
            "tz": "America/Chicago",
            "location": "TX",
        },
    ).json()["slots"]
    response = request.post(
        f"{base}/api/v1/bookings",
        data={
            "service": "free-consultation",
            "start": slots[0]["start"],
            "name": "Jordan Lee",
            "email": "jordan@example.org",
            "location": "TX",
            "timezone": "America/Chicago",
            "contact_ok": {"email": True, "text": True, "voicemail": False},
            "consent": True,
        },
    )
    assert response.status == 201, response.text()
    return response.json()


def test_the_practitioner_runs_the_day_from_a_phone(
    browser, live_server, demo_site, smtp, tmp_path
):
    password = (tmp_path / "login.txt").read_text().splitlines()[1]
    base = live_server.url
    context, page = log_in(browser, base, password, PHONE)
    book_through_the_api(context.request, base)
    booking = Booking.objects.get()
    local_start = booking.start.astimezone(PRACTICE_ZONE)
    # A past session, to be marked no-show.
    past = BookingFactory(
        service=Service.objects.get(slug="free-consultation"),
        practitioner=Practitioner.objects.get(slug="sam-rivera"),
        start=booking.start - dt.timedelta(days=30),
        minutes=15,
        client_name="Casey Park",
    )

    # The dashboard lists the coming days' sessions.
    page.goto(f"{base}/admin/")
    assert page.locator(".hearth-coming-up", has_text="Jordan").is_visible()
    assert no_sideways_scrolling(page)
    shoot(page, "dashboard-phone")

    # The agenda is the first menu item; the booking is there at the practice's local time.
    page.goto(f"{base}/admin/agenda/?date={local_start.date().isoformat()}&view=week")
    expected = f"{local_start:%-I:%M %p} – {booking.end.astimezone(PRACTICE_ZONE):%-I:%M %p %Z}"
    item = page.locator(".agenda-booking", has_text="Jordan")
    assert expected in item.inner_text()
    assert no_sideways_scrolling(page)
    shoot(page, "agenda-phone")

    # The booking's page: safe-contact choices first, no sideways scrolling.
    item.get_by_role("link", name="Free 15-minute consultation · Jordan").click()
    page.get_by_text("No voicemail").wait_for()
    assert page.get_by_text("OK to text").is_visible()
    assert no_sideways_scrolling(page)
    shoot(page, "booking-phone")

    # Cancel, with a confirmation step and a note the client receives.
    page.get_by_role("link", name="Cancel this booking…").click()
    page.get_by_label("Note to the client (optional)").wait_for()  # the step has loaded
    assert no_sideways_scrolling(page)
    page.get_by_label("Note to the client (optional)").fill("I am unwell today; sorry.")
    page.get_by_role("button", name="Yes, cancel this booking").click()
    page.get_by_text("is cancelled; the time is free.").wait_for()
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"
    cancelled = [m for m in smtp.messages if m["Subject"].startswith("Cancelled")]
    assert [m["To"] for m in cancelled] == ["jordan@example.org"]
    assert "I am unwell today; sorry." in cancelled[0].get_body(("plain",)).get_content()

    # The client's list and record.
    page.goto(f"{base}/admin/clients/")
    assert no_sideways_scrolling(page)
    shoot(page, "clients-phone")
    page.get_by_role("link", name="Jordan Lee").click()
    page.get_by_text("Bookings (1)").wait_for()
    assert no_sideways_scrolling(page)
    shoot(page, "client-phone")

    # A past session is marked no-show from its page.
    page.goto(f"{base}/admin/booking_admin/inspect/{past.pk}/")
    page.get_by_role("button", name="Mark no-show").click()
    page.get_by_text("No-show.").first.wait_for()
    assert Booking.objects.get(pk=past.pk).status == "no_show"
    assert no_sideways_scrolling(page)

    if os.environ.get("HEARTH_SCREENSHOT_DIR"):
        # The same session at desk size (a second sign-in in the same 30 s would reuse
        # a one-time code, which the admin rightly refuses).
        page.set_viewport_size(DESKTOP)
        page.goto(f"{base}/admin/agenda/?date={local_start.date().isoformat()}&cancelled=1")
        shoot(page, "agenda-desktop")
        page.goto(f"{base}/admin/booking_admin/inspect/{booking.pk}/")
        shoot(page, "booking-desktop")
        page.goto(f"{base}/admin/")
        shoot(page, "dashboard-desktop")
        page.goto(f"{base}/admin/clients/")
        shoot(page, "clients-desktop")
    context.close()


def test_every_back_office_page_fits_a_phone(browser, live_server, demo_site, tmp_path):
    password = (tmp_path / "login.txt").read_text().splitlines()[1]
    context, page = log_in(browser, live_server.url, password, PHONE)
    paths = (
        "/admin/agenda/",
        "/admin/agenda/?view=day",
        "/admin/booking_admin/",
        "/admin/clients/",
        "/admin/agenda/book/",
        "/admin/agenda/block/",
    )
    for path in paths:
        page.goto(live_server.url + path)
        assert no_sideways_scrolling(page), path
    context.close()


def test_the_practitioner_moves_a_booking_and_books_for_a_client_from_a_phone(
    browser, live_server, demo_site, smtp, tmp_path
):
    password = (tmp_path / "login.txt").read_text().splitlines()[1]
    base = live_server.url
    context, page = log_in(browser, base, password, PHONE)
    book_through_the_api(context.request, base)
    booking = Booking.objects.get()
    day = booking.start.astimezone(PRACTICE_ZONE).date()

    # Without a view asked for, a phone shows the chosen day, not the week.
    page.goto(f"{base}/admin/agenda/?date={day.isoformat()}")
    assert page.locator(".agenda-day.is-chosen").is_visible()
    assert page.locator(".agenda-day:not(.is-chosen)").first.is_hidden()
    assert page.get_by_role("link", name="Next day →").is_visible()
    assert no_sideways_scrolling(page)
    shoot(page, "agenda-day-phone")

    # Move the booking from its page to another time that day.
    page.goto(f"{base}/admin/booking_admin/inspect/{booking.pk}/")
    page.get_by_role("link", name="Move to another time…").click()
    page.get_by_text("Free times on").wait_for()
    assert no_sideways_scrolling(page)
    shoot(page, "move-phone")
    choice = page.locator("input[name=start]").last
    new_start = choice.get_attribute("value")
    choice.check()
    page.get_by_role("button", name="Move to this time").click()
    page.get_by_text("The client is emailed.").wait_for()
    moved = Booking.objects.get(pk=booking.pk)
    assert moved.start.isoformat() == new_start != booking.start.isoformat()
    assert page.get_by_text("Moved to a new time (admin)").is_visible()
    subjects = [m["Subject"] for m in smtp.messages if m["To"] == "jordan@example.org"]
    assert any(" is now on " in subject for subject in subjects), subjects

    # Book counseling for a client in Idaho from the agenda.
    page.goto(f"{base}/admin/agenda/?date={day.isoformat()}")
    page.get_by_role("link", name="Book for a client").click()
    page.get_by_label("Service").select_option(label="Counseling by video")
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Where the client will be").select_option(label="Idaho")
    page.get_by_label("The client's time zone").select_option(label="Mountain time")
    page.get_by_role("button", name="Show free times").click()
    page.get_by_text("Free times on").wait_for()
    assert no_sideways_scrolling(page)
    page.locator("input[name=start]").first.check()
    page.get_by_label("Client's name").fill("Riley Chen")
    page.get_by_label("Client's email").fill("riley@example.org")
    page.get_by_label("The client asked for this booking").check()
    shoot(page, "book-phone")
    page.get_by_role("button", name="Book this time").click()
    page.get_by_text("for Riley Chen on").wait_for()
    made = Booking.objects.get(client_email="riley@example.org")
    assert (made.service.slug, made.location, made.status) == ("counseling", "ID", "confirmed")
    assert no_sideways_scrolling(page)
    confirmations = [m for m in smtp.messages if m["To"] == "riley@example.org"]
    assert len(confirmations) == 1

    # Block time: the page fits a phone.
    page.goto(f"{base}/admin/agenda/block/?date={day.isoformat()}")
    assert no_sideways_scrolling(page)
    shoot(page, "block-phone")
    context.close()
