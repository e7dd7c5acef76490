"""Public pages are cached whole for anonymous visitors and purged when content changes."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.content import page_cache_middleware
from hearth.content.models import BlogPage, SiteSafety
from hearth.core.testing.second_factor import sign_in_with_second_factor

POST = "/blog/when-the-one-being-hurt-is-a-man/"  # comments off: cacheable
COMMENTED_POST = "/blog/shame-and-the-courage-to-be-seen/"  # comment form open: never cached


@pytest.fixture
def page_cache(settings, demo_site):
    settings.WAGTAIL_CACHE = True
    caches["pages"].clear()
    page_cache_middleware._known_header_lists.clear()  # as in a new worker
    yield caches["pages"]
    caches["pages"].clear()


def test_second_request_is_served_from_the_cache(page_cache, client, settings):
    first = client.get(POST)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(POST)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # No page query; with the database cache, two lookups the first time (the key's header
    # list, the page), then one for both.
    assert [q["sql"] for q in queries if "hearth_page_cache" not in q["sql"]] == []
    assert len(queries) == (0 if settings.REDIS_URL else 2)
    with CaptureQueriesContext(connection) as queries:
        third = client.get(POST)
    assert third["X-Page-Cache"] == "hit"
    assert len(queries) == (0 if settings.REDIS_URL else 1)


def test_a_post_with_the_comment_form_is_never_cached(page_cache, client):
    first = client.get(COMMENTED_POST)
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert first["X-Page-Cache"] == "skip"
    assert client.get(COMMENTED_POST)["X-Page-Cache"] == "skip"
    assert "no-store" in first["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/blog/", "/blog/tag/caregiving/", "/resources/"])
def test_pages_without_forms_are_cached(page_cache, client, path):
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert client.get(path)["X-Page-Cache"] == "hit"


def test_publishing_purges_the_cache(page_cache, client, django_capture_on_commit_callbacks):
    client.get(POST)
    assert client.get(POST)["X-Page-Cache"] == "hit"
    post = BlogPage.objects.get(url_path__endswith="/when-the-one-being-hurt-is-a-man/")
    post.title = "Shame, and being seen"
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    response = client.get(POST)
    assert response["X-Page-Cache"] == "miss"
    assert "<h1>Shame, and being seen</h1>" in response.content.decode()
    # The home page's list of posts changed too.
    assert "Shame, and being seen" in client.get("/").content.decode()


def test_unpublishing_purges_the_cache(page_cache, client, django_capture_on_commit_callbacks):
    assert client.get(POST).status_code == 200
    post = BlogPage.objects.get(url_path__endswith="/when-the-one-being-hurt-is-a-man/")
    with django_capture_on_commit_callbacks(execute=True):
        post.unpublish()
    assert client.get(POST).status_code == 404


def test_site_settings_change_purges_the_cache(
    page_cache, client, django_capture_on_commit_callbacks
):
    client.get("/")
    safety = SiteSafety.load()
    safety.crisis_line = "In danger? Call 911 or 988."
    with django_capture_on_commit_callbacks(execute=True):
        safety.save()
    assert (
        '<p class="crisis-line">In danger? Call <a href="tel:911">911</a> or <a href="tel:988">988</a>.</p>'
        in client.get("/").content.decode()
    )


def test_logged_in_users_get_fresh_pages(page_cache, client, admin_user):
    client.get(POST)
    assert client.get(POST)["X-Page-Cache"] == "hit"
    sign_in_with_second_factor(client, admin_user)
    response = client.get(POST)
    assert response["X-Page-Cache"] == "skip"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/book/free-consultation/", "/book/", "/search/?q=shame", "/api/v1/services"]
)
def test_booking_search_and_api_are_never_cached(page_cache, client, path):
    client.get(path)
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "skip"


def test_responses_that_set_a_cookie_are_not_stored(page_cache, client, settings):
    # A page with a CSRF form sets the token cookie; the comments form on posts will.
    settings.ROOT_URLCONF = "hearth.content.tests.cookie_urls"
    client.cookies["csrftoken"] = "x" * 32  # a returning visitor
    assert client.get("/with-cookie/")["X-Page-Cache"] == "skip"
    assert client.get("/with-cookie/")["X-Page-Cache"] == "skip"
    assert client.get("/marked/")["X-Page-Cache"] == "miss"  # the same without the cookie
    assert client.get("/marked/")["X-Page-Cache"] == "hit"


def test_a_page_can_opt_out(page_cache, client, monkeypatch):
    monkeypatch.setattr(BlogPage, "page_cache_allowed", lambda self, request: False)
    client.get(POST)
    response = client.get(POST)
    assert response["X-Page-Cache"] == "skip"
    assert "no-store" in response["Cache-Control"]


def test_not_found_is_not_cached(page_cache, client):
    client.get("/no-such-page/")
    assert client.get("/no-such-page/")["X-Page-Cache"] == "skip"


def test_visitors_with_messages_skip_the_cache(page_cache, client):
    client.get(POST)
    client.cookies["messages"] = "pending"
    assert client.get(POST)["X-Page-Cache"] == "skip"


def test_views_that_are_not_pages_are_never_stored(page_cache, client, settings):
    settings.ROOT_URLCONF = "hearth.content.tests.cookie_urls"
    assert client.get("/plain/")["X-Page-Cache"] == "skip"
    assert client.get("/plain/")["X-Page-Cache"] == "skip"


def test_blog_routes_and_feed_are_cached(page_cache, client):
    for path in ["/blog/category/men-and-help/", "/blog/feed/"]:
        assert client.get(path)["X-Page-Cache"] == "miss"
        assert client.get(path)["X-Page-Cache"] == "hit"
