"""The view-count beacon under gunicorn: requests/s for new readers (counted) and for readers
seen earlier that day (not counted), with the database cache and with Redis.

One gunicorn (2 sync workers, like the site benchmark) serves a demo install on SQLite; a
Python client sends POSTs from 8 threads, each with its own browser name (a new reader).
"""

import os
import sqlite3
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

from benchmarks.bench_site import _redis_answers
from benchmarks.results import tiny
from hearth.core.testing import fresh_demo_install, gunicorn_server

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "views"
POST_SLUG = "shame-and-the-courage-to-be-seen"
READERS = 20 if tiny() else int(os.environ.get("HEARTH_BENCH_READERS", "2000"))
CLIENTS = 8
REDIS_URL = os.environ.get("HEARTH_BENCH_VIEWS_REDIS_URL", "redis://127.0.0.1:6379/4")


def main() -> dict[str, object]:
    runs = [("database cache", "")]
    if not tiny() and _redis_answers(REDIS_URL):
        runs.append((f"Redis ({REDIS_URL})", REDIS_URL))
    print(f"view beacon: gunicorn 2 sync workers, SQLite, {READERS} readers, {CLIENTS} clients")
    figures: dict[str, object] = {}
    for label, redis_url in runs:
        env, page_id = _prepare(redis_url)
        with gunicorn_server(env=env, workers=2, threads=1) as base:
            url = f"{base}/engagement/views/{page_id}/"
            new = _rate(url, range(READERS))
            seen = _rate(url, range(READERS))
        print(f"-- {label}")
        print(f"  new reader (counted)   {new:>7.0f} req/s")
        print(f"  same reader again      {seen:>7.0f} req/s")
        figures[label] = {"new_reader_per_second": new, "same_reader_per_second": seen}
    return figures


def _prepare(redis_url: str) -> tuple[dict[str, str], int]:
    env = fresh_demo_install(
        BENCH_DIR,
        settings_module="config.settings.dev",
        extra_env={"DEBUG": "false", "REDIS_URL": redis_url},
    )
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    with closing(sqlite3.connect(BENCH_DIR / "demo.sqlite3")) as connection:
        (page_id,) = connection.execute(
            "SELECT id FROM wagtailcore_page WHERE slug = ?", (POST_SLUG,)
        ).fetchone()
    return env, page_id


def _rate(url: str, readers) -> float:
    def hit(reader: int) -> int:
        agent = f"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.{reader}"
        request = urllib.request.Request(
            url, data=b"", method="POST", headers={"User-Agent": agent}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = list(pool.map(hit, readers))
    elapsed = time.perf_counter() - began
    assert set(statuses) == {200}, set(statuses)
    return len(statuses) / elapsed


if __name__ == "__main__":
    main()
