"""Reading on a phone: no page scrolls sideways, and the quick exit stays within a thumb's reach."""

from pathlib import Path

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from hearth.content.models import BlogIndexPage, BlogPage, SiteSafety

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [320, 360, 390, 430]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots"
WIDE_POST = "/blog/a-post-with-wide-things-in-it/"
PUBLIC_PATHS = [
    "/",
    "/about/",
    "/services/",
    "/services/counseling/",
    "/blog/",
    "/blog/when-the-one-being-hurt-is-a-man/",
    WIDE_POST,
    "/blog/tag/caregiving/",
    "/resources/",
    "/privacy/",
    "/search/?q=shame",
    "/workshops/",
    "/book/",
    "/no-such-page/",
]
LONG_WORD = "Unbreakable" * 12
LONG_LINK = "https://example.org/" + "a-very-long-path-segment/" * 8
TABLE = (
    "<table><tr>" + "".join(f"<th>Column heading {n}</th>" for n in range(12)) + "</tr></table>"
)


@pytest.fixture
def wide_post(demo_site):
    """A post holding what breaks phone layouts: a wide image, a table, a long word and link."""
    if not Collection.objects.exists():  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    picture = Image.objects.create(title="Wide", file=get_test_image_file(size=(2400, 600)))
    blog = BlogIndexPage.objects.get()
    post = BlogPage(
        title="A post with wide things in it",
        slug="a-post-with-wide-things-in-it",
        originally_published="2019-05-04",
        body=[
            ("image", {"image": picture, "alt_text": "A long horizon", "caption": ""}),
            ("text", f'<p>{LONG_WORD}</p><p><a href="{LONG_LINK}">{LONG_LINK}</a></p>{TABLE}'),
        ],
    )
    blog.add_child(instance=post)
    post.save_revision().publish()
    return post


def overflow(page) -> int:
    """How many CSS pixels the document is wider than the screen (0: no sideways scrolling)."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def test_no_public_page_scrolls_sideways_on_a_phone(browser, live_server, wide_post):
    failures = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True)
        page = context.new_page()
        for path in PUBLIC_PATHS:
            page.goto(live_server.url + path)
            extra = overflow(page)
            if extra:
                failures.append(f"{path} at {width} px: {extra} px too wide")
        page.goto(live_server.url + WIDE_POST)
        image = page.get_by_role("img", name="A long horizon").bounding_box()
        assert image["x"] >= 0 and image["x"] + image["width"] <= width
        context.close()
    assert failures == []


def test_quick_exit_stays_in_reach_while_reading(browser, live_server, demo_site):
    safety = SiteSafety.load()
    safety.quick_exit_url = f"{live_server.url}/robots.txt"
    safety.save()
    context = browser.new_context(viewport={"width": 390, "height": 740}, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/blog/when-the-one-being-hurt-is-a-man/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("window.scrollY > 300")
    exit_link = page.locator("#quick-exit")
    box = exit_link.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740  # on screen after scrolling
    assert box["height"] >= 44 and box["width"] >= 44
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "quick-exit-390-scrolled.png"))
    page.set_viewport_size({"width": 320, "height": 740})
    page.screenshot(path=str(SHOTS / "quick-exit-320-scrolled.png"))
    entries = page.evaluate("history.length")
    with page.expect_navigation():
        exit_link.tap()
    assert page.url == f"{live_server.url}/robots.txt"
    # The neutral page took the post's place in the history: Back does not return to it.
    assert page.evaluate("history.length") == entries
    context.close()


def test_phone_numbers_are_tap_to_call(browser, live_server, demo_site):
    context = browser.new_context(viewport={"width": 390, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/resources/")
    crisis = page.locator(".crisis-line a")
    assert [crisis.nth(i).get_attribute("href") for i in range(crisis.count())] == [
        "tel:911",
        "tel:988",
    ]
    assert page.get_by_role("link", name="1-800-799-7233").get_attribute("href") == (
        "tel:18007997233"
    )
    assert page.get_by_role("link", name="+1 509 555 0142").get_attribute("href") == (
        "tel:+15095550142"
    )
    context.close()
