"""A visitor walks the public site by keyboard alone and leaves a sensitive page with Esc."""

import pytest

from hearth.content.models import SiteSafety

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tab_to(page, href: str, limit: int = 60) -> None:
    """Press Tab until the link to `href` has focus, then follow it with Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == href:
            # Wait for the new page itself: waiting for a load state right after Enter can
            # return for the old page, and the next keys then race the navigation.
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"no focusable link to {href}")


def test_keyboard_walk_and_quick_exit(browser, live_server, demo_site):
    safety = SiteSafety.load()
    safety.quick_exit_url = f"{live_server.url}/robots.txt"
    safety.save()
    page = browser.new_page()
    page.goto(f"{live_server.url}/")
    tab_to(page, "/blog/")
    assert page.locator("h1").inner_text() == "Blog"
    tab_to(page, "/blog/shame-and-the-courage-to-be-seen/")
    assert page.locator("h1").inner_text() == "Shame, and the courage to be seen"
    tab_to(page, "/resources/")
    assert page.locator("h1").inner_text() == "Support resources"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live_server.url}/robots.txt")
    page.close()
