"""A real browser finds the proof of work unseen and books, asking nothing of anyone else."""

from urllib.parse import parse_qs

import pytest

from hearth.bookings.models import Booking
from hearth.core.models import RateCounter

from .test_booking_flow import book_and_cancel
from .test_booking_flow import demo_practice as demo_practice  # the fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_browser_solves_the_challenge_unseen_and_books(
    browser,
    live_server,
    demo_practice,
    smtp,
    settings,
):
    settings.HEARTH_PROOF_OF_WORK = True
    context = browser.new_context(timezone_id="America/Chicago")
    page = context.new_page()
    asked: list[str] = []
    sent_forms: list[dict] = []
    page.on("request", lambda request: asked.append(request.url))
    page.on(
        "request",
        lambda request: (
            sent_forms.append(parse_qs(request.post_data or ""))
            if request.method == "POST" and "/details/" in request.url
            else None
        ),
    )
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    book_and_cancel(page, live_server.url)
    assert Booking.objects.get().status == "cancelled"
    (form,) = sent_forms
    assert len(form["proof"][0]) > 100  # the answer, found by the page's script
    assert RateCounter.objects.filter(key__startswith="proof:").count() == 1
    assert any(url == f"{live_server.url}/api/v1/challenge" for url in asked)
    assert all(url.startswith(live_server.url) for url in asked), asked
    # The policy let the script run and fetch (a missing favicon is the only complaint).
    assert [error for error in errors if "404" not in error] == []
    context.close()
