"""From a client's page in the admin, on a phone: download their export, then erase them
after typing their address; the booking stays as anonymous busy time.

Set HEARTH_SCREENSHOT_DIR to save each screen at phone and desktop size."""

import json
import os

import pytest

from hearth.bookings.models import Booking
from tests.e2e.test_back_office import (
    DESKTOP,
    PHONE,
    book_through_the_api,
    log_in,
    no_sideways_scrolling,
    shoot,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CONFIRM = "Type the client's email address to confirm"


def test_export_then_erase_a_client_from_their_page(browser, live_server, demo_site, tmp_path):
    password = (tmp_path / "login.txt").read_text().splitlines()[1]
    base = live_server.url
    context, page = log_in(browser, base, password, PHONE)
    book_through_the_api(context.request, base)
    client_page = f"{base}/admin/clients/booking/{Booking.objects.get().pk}/"
    sizes = [(DESKTOP, "desktop")] if os.environ.get("HEARTH_SCREENSHOT_DIR") else []
    for viewport, size in [*sizes, (PHONE, "phone")]:
        page.set_viewport_size(viewport)
        page.goto(client_page)
        page.get_by_role("heading", name="Privacy rights").wait_for()
        assert no_sideways_scrolling(page)
        shoot(page, f"client-rights-{size}")
        page.get_by_role("link", name="Erase this client…").click()
        page.get_by_label(CONFIRM).wait_for()
        assert no_sideways_scrolling(page)
        shoot(page, f"client-erase-{size}")

    page.goto(client_page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export (JSON)").click()
    data = json.loads(download.value.path().read_text())
    assert data["bookings"][0]["name"] == "Jordan Lee"

    page.get_by_role("link", name="Erase this client…").click()
    page.get_by_label(CONFIRM).fill("jordan@example.org")
    page.get_by_role("button", name="Erase this client").click()
    page.get_by_text("The client is erased: 1 booking(s)").wait_for()
    kept = Booking.objects.get()
    assert (kept.client_name, kept.status) == ("(erased)", "confirmed")
    assert no_sideways_scrolling(page)
    shoot(page, "clients-after-erase-phone")
    context.close()
