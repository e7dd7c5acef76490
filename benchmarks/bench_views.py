"""The view-count beacon under gunicorn: requests/s for new readers (counted) and for readers
seen earlier that day (not counted), with the database cache and with Redis.

One gunicorn (2 sync workers, like the site benchmark) serves a demo install on SQLite; a
Python client sends POSTs from 8 threads, each with its own browser name (a new reader).
"""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.bench_site import _redis_answers
from benchmarks.results import tiny
from hearth.core.testing import gunicorn_server, migrated_sqlite

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
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "HEARTH_VAR_DIR": str(BENCH_DIR),
        "DATABASE_URL": f"sqlite:///{BENCH_DIR / 'views.sqlite3'}",
        "REDIS_URL": redis_url,
    }
    manage = [sys.executable, "manage.py"]
    migrated_sqlite(BENCH_DIR / "views.sqlite3")
    subprocess.run([*manage, "setup_install"], cwd=ROOT, env=env, check=True, capture_output=True)
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    script = (
        "from hearth.content.models import BlogPage; "
        f"print(BlogPage.objects.get(slug={POST_SLUG!r}).pk)"
    )
    found = subprocess.run(
        [*manage, "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return env, int(found.stdout.split()[-1])


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
