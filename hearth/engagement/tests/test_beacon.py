"""The view beacon: once per visitor per post per day, and who is never counted."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.engagement.models import DailyViews, EngagementSettings
from hearth.practice.models import Practice

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1"


def beacon(client, post, agent=FIREFOX, address="203.0.113.7", **headers):
    return client.post(
        f"/engagement/views/{post.pk}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address, **headers
    )


def total_views(post) -> int:
    return sum(DailyViews.objects.filter(page_id=post.pk).values_list("views", flat=True))


def test_first_visit_counts_and_returns_the_figure(cache_kind, post, client):
    response = beacon(client, post)
    assert response.status_code == 200
    assert response.json() == {"views": 42, "counted": True, "reason": None}
    assert response["Cache-Control"] == "no-store" or "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_same_visitor_twice_a_day_counts_once(cache_kind, post, client):
    assert beacon(client, post).json()["counted"] is True
    second = beacon(client, post)
    assert second.json() == {"views": 42, "counted": False, "reason": None}
    assert total_views(post) == 1


def test_other_address_or_browser_is_another_visitor(cache_kind, post, client):
    beacon(client, post)
    beacon(client, post, address="203.0.113.8")
    beacon(client, post, agent=SAFARI)
    assert total_views(post) == 3
    assert beacon(client, post).json()["views"] == 44


def test_same_visitor_on_another_post_counts_there(cache_kind, post, closed_post, client):
    beacon(client, post)
    assert beacon(client, closed_post).json() == {"views": 213, "counted": True, "reason": None}


def test_next_day_counts_again_and_hashes_expire(cache_kind, post, client):
    with time_machine.travel(dt.datetime(2027, 3, 1, 20, 0, tzinfo=dt.UTC), tick=False):
        beacon(client, post)
    # Los Angeles midnight is 08:00 UTC: still the same practice day at 07:59.
    with time_machine.travel(dt.datetime(2027, 3, 2, 7, 59, tzinfo=dt.UTC), tick=False):
        assert beacon(client, post).json()["counted"] is False
    with time_machine.travel(dt.datetime(2027, 3, 2, 8, 1, tzinfo=dt.UTC), tick=False):
        assert beacon(client, post).json()["counted"] is True
    days = dict(DailyViews.objects.filter(page_id=post.pk).values_list("day", "views"))
    assert days == {dt.date(2027, 3, 1): 1, dt.date(2027, 3, 2): 1}


def test_day_follows_the_practice_time_zone(cache_kind, post, client):
    practice = Practice.load()
    practice.timezone = "America/New_York"
    practice.save()
    with time_machine.travel(dt.datetime(2027, 3, 2, 4, 30, tzinfo=dt.UTC), tick=False):
        beacon(client, post)
    assert list(DailyViews.objects.values_list("day", flat=True)) == [dt.date(2027, 3, 1)]


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"HTTP_DNT": "1"}, "opted_out"),
        ({"HTTP_SEC_GPC": "1"}, "opted_out"),
        ({"HTTP_SEC_PURPOSE": "prefetch"}, "prefetch"),
        ({"HTTP_SEC_PURPOSE": "prefetch;prerender"}, "prefetch"),
        ({"HTTP_PURPOSE": "prefetch"}, "prefetch"),
        ({"HTTP_X_MOZ": "prefetch"}, "prefetch"),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, "cross_site"),
    ],
)
def test_opt_outs_and_prefetches_are_not_counted_but_see_the_figure(
    cache_kind, post, client, headers, reason
):
    response = beacon(client, post, **headers)
    assert response.json() == {"views": 41, "counted": False, "reason": reason}
    assert total_views(post) == 0


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/130.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32",
        "Slackbot-LinkExpanding 1.0",
    ],
)
def test_bots_are_not_counted(post, client, agent, settings):
    from .conftest import use_engagement_cache

    use_engagement_cache(settings, "database")
    assert beacon(client, post, agent=agent).json()["reason"] == "bot"
    assert total_views(post) == 0


def test_signed_in_editor_is_not_counted(cache_kind, post, client):
    editor = get_user_model().objects.get(username="admin")
    sign_in_with_second_factor(client, editor)
    assert beacon(client, post).json() == {"views": 41, "counted": False, "reason": "editor"}


def test_hidden_counts_still_count(cache_kind, post, client):
    site_settings = EngagementSettings.load()
    site_settings.show_view_counts = False
    site_settings.save()
    assert beacon(client, post).json() == {"views": None, "counted": True, "reason": None}
    assert total_views(post) == 1


def test_nothing_personal_is_stored(cache_kind, post, client):
    from django.core.cache import caches

    beacon(client, post, address="198.51.100.23")
    cache = caches["engagement"]
    if cache_kind == "database":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key, value FROM hearth_engagement_cache")
            stored = repr(cursor.fetchall())
    else:
        client_redis = cache._cache.get_client()
        stored = repr([(key, client_redis.get(key)) for key in client_redis.keys("*")])
    assert "198.51.100.23" not in stored
    assert "Firefox" not in stored
    assert "seen:" in stored


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/engagement/views/{pk}/", 405, "method_not_allowed"),
        ("post", "/engagement/views/999999999/", 404, "not_found"),
        ("put", "/engagement/views/{pk}/", 405, "method_not_allowed"),
    ],
)
def test_bad_requests_get_json_errors(post, client, method, path, status, code):
    response = getattr(client, method)(path.format(pk=post.pk), HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert DailyViews.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    ["/engagement/views/abc/", "/engagement/views/12345678901234/", "/engagement/views/-1/"],
)
def test_malformed_ids_are_not_found(post, client, path):
    assert client.post(path).status_code == 404


def test_unpublished_post_is_not_counted(cache_kind, post, client):
    post.unpublish()
    response = beacon(client, post)
    assert response.status_code == 404
    assert DailyViews.objects.count() == 0


def test_counting_failure_still_answers(post, client, settings):
    # The database cache's table is missing: the reader's page must not break.
    settings.CACHES = {
        **settings.CACHES,
        "engagement": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_table",
        },
    }
    response = beacon(client, post)
    assert response.status_code == 200
    assert response.json() == {"views": 41, "counted": False, "reason": "error"}
