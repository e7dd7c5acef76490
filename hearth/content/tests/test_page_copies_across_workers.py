"""Under gunicorn, each worker serves cached pages from its own near copies, and a purge made
by another process (a publish in the admin, a worker) reaches every one of them before it
returns: the very next request after it is rendered afresh, with the database cache (on
SQLite) and with Redis."""

import os
import sqlite3
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import pytest
import redis

from hearth.core.testing import fresh_demo_install, gunicorn_server
from hearth.core.testing.redis import TEST_REDIS_URL

POST = "/blog/when-the-one-being-hurt-is-a-man/"  # comments off: cacheable
PURGER = """
import django
django.setup()
from wagtailcache.cache import clear_cache
for line in iter(input, "stop"):
    clear_cache()
    print("purged", flush=True)
"""


def _cache_status(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        response.read()
        return response.headers["X-Page-Cache"]


def _store_emptied_behind_its_back(env: dict[str, str], redis_url: str) -> None:
    """Delete the stored pages without a purge, as nothing in Hearth does."""
    if redis_url:
        client = redis.Redis.from_url(redis_url)
        client.delete(*client.keys("hearth-pages:*"))
    else:
        with closing(sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"))) as db:
            db.execute("DELETE FROM hearth_page_cache")
            db.commit()


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"),
    reason="serves its own SQLite demo whatever the suite's database: run once, on SQLite",
)
@pytest.mark.parametrize("store", ["database", "redis"])
def test_a_purge_in_another_process_reaches_every_worker_before_it_returns(store, tmp_path):
    redis_url = TEST_REDIS_URL if store == "redis" else ""
    if redis_url:
        try:
            redis.Redis.from_url(redis_url).ping()
        except redis.ConnectionError:
            pytest.skip(f"no Redis at {redis_url}")
    env = fresh_demo_install(
        tmp_path / "site",
        settings_module="benchmarks.site_settings",
        extra_env={
            "REDIS_URL": redis_url,
            "HEARTH_TASK_BACKEND": "immediate",
            "HEARTH_PAGE_CACHE": "on",
            "HEARTH_PAGE_COPY_SECONDS": "60",
        },
    )
    purger = subprocess.Popen(
        [sys.executable, "-c", PURGER],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def purge() -> None:
        purger.stdin.write("purge\n")
        purger.stdin.flush()
        assert purger.stdout.readline() == "purged\n"

    try:
        with (
            gunicorn_server(env=env, workers=2, threads=1) as base,
            ThreadPoolExecutor(8) as pool,
        ):
            url = base + POST
            purge()
            for _ in range(5):
                # Right after a purge no worker may answer from what it kept before.
                assert _cache_status(url) == "miss"
                # The workers take part at once, and keep their copies.
                statuses = list(pool.map(_cache_status, [url] * 32))
                assert statuses == ["hit"] * 32
                purge()
        # The copies are really used (one worker, so it is known to hold them): with the
        # store emptied without a purge, the worker still answers from them...
        with gunicorn_server(env=env, workers=1, threads=1) as base:
            url = base + POST
            assert [_cache_status(url) for _ in range(3)] == ["miss", "hit", "hit"]
            _store_emptied_behind_its_back(env, redis_url)
            assert [_cache_status(url) for _ in range(3)] == ["hit"] * 3
            # ...and a purge ends that at once.
            purge()
            assert _cache_status(url) == "miss"
    finally:
        purger.stdin.write("stop\n")
        purger.stdin.close()
        purger.wait(timeout=10)
