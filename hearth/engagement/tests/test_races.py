"""1,000 readers at once on one post, against a real gunicorn server with several workers,
count exactly 1,000; the same readers again the same day count nothing more. On the suite's
database (file-backed SQLite or PostgreSQL), with the database cache and with Redis."""

import json
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.db.models import Sum
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from hearth.content.models import BlogPage
from hearth.core.testing import env_for_test_database, gunicorn_server
from hearth.engagement.models import DailyViews
from hearth.install.setup import set_up_install

from .conftest import COMMENTS_ON, REDIS_TEST_URL, use_engagement_cache

READERS = 1000
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_demo(tmp_path, settings):
    # Transactional tests flush Wagtail's root page and Site; rebuild them first.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    set_up_install(demo_file=settings.HEARTH_DEMO_PRACTICE_FILE, login_file=tmp_path / "l.txt")
    return BlogPage.objects.get(slug=COMMENTS_ON)


@pytest.fixture(params=["database", "redis"])
def server(request, settings):
    use_engagement_cache(settings, request.param)
    env = env_for_test_database() | {
        "REDIS_URL": REDIS_TEST_URL if request.param == "redis" else ""
    }
    with gunicorn_server(env=env, workers=3) as base:
        yield base, request.param
    caches["engagement"].clear()


def hit(base: str, page_id: int, reader: int) -> tuple[int, dict]:
    agent = f"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.{reader}"
    request = urllib.request.Request(
        f"{base}/engagement/views/{page_id}/",
        data=b"",
        method="POST",
        headers={"User-Agent": agent},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, json.loads(response.read())


def test_1000_concurrent_readers_count_exactly_1000(live_demo, server):
    base, cache_kind = server
    post = live_demo
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=100) as pool:
        first = list(pool.map(lambda n: hit(base, post.pk, n), range(READERS)))
    elapsed = time.monotonic() - began
    with ThreadPoolExecutor(max_workers=100) as pool:
        again = list(pool.map(lambda n: hit(base, post.pk, n), range(0, READERS, 5)))
    print(f"\n[views race] {connection.vendor}/{cache_kind}: {READERS} hits in {elapsed:.1f} s")
    assert Counter(status for status, _ in first) == {200: READERS}
    assert Counter(answer["counted"] for _, answer in first) == {True: READERS}
    assert Counter(answer["counted"] for _, answer in again) == {False: READERS // 5}
    assert DailyViews.objects.filter(page_id=post.pk).aggregate(total=Sum("views")) == {
        "total": READERS
    }
    assert {answer["views"] for _, answer in again} == {41 + READERS}
