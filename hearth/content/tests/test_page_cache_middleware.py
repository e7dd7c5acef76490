"""Cached pages reach visitors without a session before the per-visitor middleware runs."""

import pytest
import redis
from django.core.cache import caches
from django.test import Client
from django.utils.cache import _generate_cache_header_key, _generate_cache_key

from hearth.content import page_cache_middleware
from hearth.content.page_cache import purge_page_cache
from hearth.content.page_cache_middleware import PageKeys
from hearth.core.testing.redis import TEST_REDIS_URL

POST = "/blog/when-the-one-being-hurt-is-a-man/"  # comments off: cacheable


@pytest.fixture
def page_cache(settings, demo_site):
    settings.WAGTAIL_CACHE = True
    caches["pages"].clear()
    page_cache_middleware._known_header_lists.clear()  # as in a new worker
    yield caches["pages"]
    caches["pages"].clear()


def test_a_visitor_without_a_session_is_served_before_sessions_and_auth(page_cache, client):
    first = client.get(POST)
    second = client.get(POST)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    # Sessions and authentication never saw the request.
    assert not hasattr(second.wsgi_request, "session")
    assert not hasattr(second.wsgi_request, "user")


def test_a_cached_page_keeps_the_headers_of_the_full_response(page_cache, client):
    first = client.get(POST)
    second = client.get(POST)
    for header in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control"):
        assert second[header] == first[header]
    assert "Cookie" not in second.get("Vary", "")
    assert not second.cookies


def test_a_visitor_with_a_session_takes_the_long_way_to_the_same_page(page_cache, client):
    first = client.get(POST)
    client.cookies["sessionid"] = "no-such-session"
    second = client.get(POST)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second.wsgi_request.user.is_authenticated is False


def test_a_logged_in_editor_never_gets_the_early_copy(page_cache, client, admin_user):
    client.get(POST)
    client.force_login(admin_user)
    response = client.get(POST)
    assert response["X-Page-Cache"] == "skip"
    assert response.wsgi_request.user == admin_user


def test_a_head_request_is_served_from_the_cache(page_cache, client):
    assert client.head(POST)["X-Page-Cache"] == "miss"  # the method is part of the key
    response = client.head(POST)
    assert response["X-Page-Cache"] == "hit"
    assert not hasattr(response.wsgi_request, "user")


def test_a_post_is_never_answered_from_the_cache(page_cache, client):
    client.get(POST)
    response = client.post(POST)
    assert response["X-Page-Cache"] == "skip"
    assert response.wsgi_request.user.is_authenticated is False


def test_pending_messages_and_uncached_paths_take_the_long_way(page_cache, client):
    client.get(POST)
    client.cookies["messages"] = "pending"
    response = client.get(POST)
    assert response["X-Page-Cache"] == "skip"
    assert hasattr(response.wsgi_request, "user")


def test_the_early_lookup_is_off_with_the_page_cache(page_cache, client, settings):
    client.get(POST)
    settings.WAGTAIL_CACHE = False
    response = client.get(POST)
    assert "X-Page-Cache" not in response
    assert hasattr(response.wsgi_request, "user")


def test_a_hit_is_one_cache_lookup(page_cache, client, django_assert_num_queries):
    client.get(POST)
    client.get(POST)  # this process now knows the page's header list
    with django_assert_num_queries(1) as queries:  # the page cache is a database table here
        response = client.get(POST)
    assert response["X-Page-Cache"] == "hit"
    assert "hearth_page_cache" in queries.captured_queries[0]["sql"]


def test_a_purge_is_seen_by_a_process_that_knew_the_page(page_cache, client):
    client.get(POST)
    assert client.get(POST)["X-Page-Cache"] == "hit"
    purge_page_cache()
    assert client.get(POST)["X-Page-Cache"] == "miss"
    assert client.get(POST)["X-Page-Cache"] == "hit"


def test_a_request_to_be_sent_to_https_is_never_answered_early(page_cache, client, settings):
    client.get(POST)
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(POST)  # a new handler: the security middleware reads it once
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{POST}"


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_the_early_lookups_keys_are_djangos(rf, method, settings):
    request = rf.generic(method, "/blog/?page=2", HTTP_ACCEPT_LANGUAGE="en", HTTP_X_EMPTY="")
    header_list = ["HTTP_ACCEPT_LANGUAGE", "HTTP_X_EMPTY", "HTTP_X_ABSENT"]
    keys = PageKeys(request)
    prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
    assert keys.header_key == _generate_cache_header_key(prefix, request)
    assert keys.page_key(header_list) == _generate_cache_key(request, method, header_list, prefix)
    assert keys.page_key([]) == _generate_cache_key(request, method, [], prefix)
    # The address's hash is kept per process: another query string or scheme is another.
    for other in (
        rf.generic(method, "/blog/?page=3"),
        rf.generic(method, "/blog/?page=2", secure=True),
    ):
        assert PageKeys(other).header_key == _generate_cache_header_key(prefix, other)


@pytest.fixture
def redis_page_cache(settings, demo_site):
    try:
        redis.Redis.from_url(TEST_REDIS_URL).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "hearth.core.cache.PrefixedRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": "hearth-test-page-cache",
            "TIMEOUT": 300,
        },
    }
    settings.WAGTAIL_CACHE = True
    caches["pages"].clear()
    page_cache_middleware._known_header_lists.clear()
    yield caches["pages"]
    caches["pages"].clear()


def test_a_page_cache_in_redis_answers_with_no_query_and_sees_purges(
    redis_page_cache, client, django_assert_num_queries
):
    first = client.get(POST)
    client.get(POST)  # this process now knows the page's header list
    with django_assert_num_queries(0):
        second = client.get(POST)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    purge_page_cache()
    assert client.get(POST)["X-Page-Cache"] == "miss"
    assert client.get(POST)["X-Page-Cache"] == "hit"
