"""axe-core finds nothing on the public pages and along the whole booking and workshop walk,
at phone size and at desktop size, and no page along the way scrolls sideways.

The walk follows links and buttons by what they lead to (addresses, field names), not by the
words on them, so that the booking pages can change their wording and layout freely.
"""

import re

import pytest

from .axe_check import violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
READING = ["/", "/blog/", "/blog/when-the-one-being-hurt-is-a-man/", "/about/", "/resources/"]
# The form refuses submissions faster than a person could type (core/formguard.py).
HUMAN_PAUSE_MS = 3200


@pytest.fixture(params=list(SIZES))
def page(request, browser):
    context = browser.new_context(timezone_id="America/Chicago", **SIZES[request.param])
    yield context.new_page()
    context.close()


class Audit:
    """Collects the violations of every page visited, to report them all at once."""

    def __init__(self, page):
        self.page = page
        self.found: list[str] = []
        self.seen: list[str] = []

    def check(self, step: str) -> None:
        self.seen.append(step)
        self.found += [f"[{step}] {line}" for line in violations(self.page)]
        # On the phone, also: nothing wider than the screen.
        extra = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if extra > 0:
            self.found.append(f"[{step}] {self.page.url}: {extra} px wider than the screen")


def fill_contact_form(page, form) -> None:
    """Fill a client form by its field names (the names the API uses as well)."""
    form.locator("input[name=name]").fill("Jordan")
    form.locator("input[name=email]").fill("jordan@example.org")
    where = form.locator("select[name=location]")
    if where.count():
        where.select_option("WA")
    form.locator("input[name=consent]").check()
    page.wait_for_timeout(HUMAN_PAUSE_MS)


def submit(page, form) -> None:
    with page.expect_navigation():
        form.locator("[type=submit]").last.click()


def choose_a_time(page) -> None:
    """From the day-and-time step, reach the details form through the first offered time."""
    times = page.locator('a[href*="/details/"], form[action*="/details/"] [type=submit]')
    if not times.count():
        where = page.locator("select[name=location]")
        where.select_option("WA")
        submit(page, page.locator("form", has=where))
    with page.expect_navigation():
        times.first.click()


def test_reading_pages_have_no_violations(page, live_server, demo_site):
    audit = Audit(page)
    for path in READING:
        page.goto(live_server.url + path)
        audit.check(path)
    assert audit.found == []


def test_booking_walk_has_no_violations(page, live_server, demo_site):
    audit = Audit(page)
    page.goto(f"{live_server.url}/book/")
    audit.check("service list")
    with page.expect_navigation():
        page.locator('main a[href$="/book/free-consultation/"]').first.click()
    audit.check("day and time")
    choose_a_time(page)
    audit.check("details form")
    form = page.locator("form", has=page.locator("input[name=email]"))
    fill_contact_form(page, form)
    submit(page, form)
    for _ in range(2):  # a summary to confirm, if the flow shows one before booking
        if "/done/" in page.url:
            break
        audit.check("before confirming")
        submit(page, page.locator("main form").last)
    assert "/done/" in page.url
    audit.check("confirmation")
    with page.expect_navigation():
        page.locator('main a[href*="/book/manage/"]:not([href$=".ics"])').first.click()
    audit.check("manage")
    with page.expect_navigation():  # cancelling asks first, on its own page
        page.locator("main a[href*='/cancel/']").first.click()
    audit.check("cancel step")
    cancel = page.locator("main form[action*='/cancel/']")
    submit(page, cancel.first)
    audit.check("cancelled")
    assert audit.found == []


def test_workshop_walk_has_no_violations(page, live_server, demo_site):
    audit = Audit(page)
    page.goto(f"{live_server.url}/workshops/")
    audit.check("workshop list")
    detail = page.locator("main a[href^='/workshops/']").filter(
        has_not_text=re.compile("^All workshops$")
    )
    with page.expect_navigation():
        detail.first.click()
    audit.check("workshop page")
    form = page.locator("form", has=page.locator("input[name=email]"))
    fill_contact_form(page, form)
    submit(page, form)
    # Registering leads to the registration's own page (the link to keep).
    assert "/workshops/registration/" in page.url
    audit.check("registration page")
    with page.expect_navigation():  # cancelling asks first, on its own page
        page.locator("main a[href*='/cancel/']").first.click()
    audit.check("registration cancel step")
    assert audit.found == []


def test_the_check_reports_what_it_finds(browser):
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><title>t</title><main><h1>t</h1><img src="a.png"></main></html>'
    )
    assert violations(page) == [
        "about:blank: image-alt (critical) at ['img']: Images must have alternative text"
    ]
    page.close()
