"""A visitor walks the public site by keyboard alone and leaves a sensitive page with Esc."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from hearth.content.models import SiteSafety

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(tmp_path, settings):
    # Transactional tests flush Wagtail's root page and Site; rebuild them first.
    from hearth.core.setup import set_up_install

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    set_up_install(demo_file=settings.HEARTH_DEMO_PRACTICE_FILE, login_file=tmp_path / "login.txt")
    connection.close()


def tab_to(page, href: str, limit: int = 60) -> None:
    """Press Tab until the link to `href` has focus, then follow it with Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == href:
            page.keyboard.press("Enter")
            # Wait for the new page itself (the old one is already "loaded"), so its
            # deferred scripts have run before the next key press.
            page.wait_for_url(f"**{href}")
            page.wait_for_load_state()
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
