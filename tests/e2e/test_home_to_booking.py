"""From the home page's call to action to the booking flow, and from a post's."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_call_to_action_reaches_the_booking_flow(browser, live_server, demo_site):
    page = browser.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Book a free 15-minute consultation").click()
    page.wait_for_url(f"{live_server.url}/book/free-consultation/")
    page.get_by_label("Where will you be during the session?").select_option("WA")
    page.get_by_role("button", name="Show available times").click()
    first_time = page.locator("a.time").first
    first_time.wait_for()
    first_time.click()
    assert page.get_by_label("Your name", exact=True).is_visible()
    assert "/book/free-consultation/details/" in page.url
    page.close()


def test_post_call_to_action_reaches_the_booking_flow(browser, live_server, demo_site):
    page = browser.new_page()
    page.goto(f"{live_server.url}/blog/shame-and-the-courage-to-be-seen/")
    page.get_by_role("link", name="Book a free 15-minute consultation").click()
    page.wait_for_url(f"{live_server.url}/book/free-consultation/")
    assert page.get_by_label("Where will you be during the session?").is_visible()
    page.close()
