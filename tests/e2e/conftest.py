"""Browser tests: Playwright for Python driving Debian's Chromium against a live server."""

import os
import shutil

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls
    # (and the database teardown) stay synchronous, which Django must be told.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def demo_site(tmp_path, settings):
    # Transactional tests flush Wagtail's root page and Site; rebuild them first.
    from hearth.install.setup import set_up_install

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
