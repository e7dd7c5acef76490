"""1,000 readers at once on one post, against a real gunicorn server with several workers,
count exactly 1,000; the same readers again the same day count nothing more. On the suite's
database (file-backed SQLite or PostgreSQL), with the database cache and with Redis."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.db.models import Sum
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from hearth.content.models import BlogPage
from hearth.core.testing import database_url, free_port
from hearth.engagement.models import DailyViews
from hearth.install.setup import set_up_install

from .conftest import COMMENTS_ON, REDIS_TEST_URL, use_engagement_cache

ROOT = Path(__file__).resolve().parents[3]
READERS = 1000
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_demo(tmp_path, settings):
    # Transactional tests flush Wagtail's root page and Site; rebuild them first.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root",
                                    content_type=ContentType.objects.get_for_model(Page)))  # fmt: skip
    set_up_install(demo_file=settings.HEARTH_DEMO_PRACTICE_FILE, login_file=tmp_path / "l.txt")
    return BlogPage.objects.get(slug=COMMENTS_ON)


@pytest.fixture(params=["database", "redis"])
def server(request, settings):
    use_engagement_cache(settings, request.param)
    port = free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_TEST_URL if request.param == "redis" else "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "3", "--threads", "8",
         "--backlog", "2048", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/robots.txt", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)
    yield base, request.param
    process.terminate()
    process.wait(timeout=10)
    caches["engagement"].clear()


def hit(base: str, page_id: int, reader: int) -> tuple[int, dict]:
    agent = f"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.{reader}"
    request = urllib.request.Request(
        f"{base}/engagement/views/{page_id}/", data=b"", method="POST",
        headers={"User-Agent": agent},
    )  # fmt: skip
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
