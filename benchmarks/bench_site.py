"""The public site under gunicorn: requests/s for a cached post, the blog index, and "hello".

One gunicorn (2 sync workers) serves the demo site with benchmarks/site_settings.py; the
same server answers all three URLs, so the figures compare like with like. The load comes
from `wrk` when installed (apt-get install wrk), else from a Python client, which is slower
than the server on small machines and then understates every figure alike.
Runs once with the database cache and once more with Redis when one answers on REDIS_URL
(default redis://127.0.0.1:6379/5).
"""

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from hearth.core.testing import fresh_demo_install, gunicorn_server

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "site"
POST = "/blog/when-the-one-being-hurt-is-a-man/"  # comments off: cacheable
URLS = [("hello view", "/bench/hello/"), ("blog post (cached)", POST), ("blog index", "/blog/")]
SECONDS = int(os.environ.get("HEARTH_BENCH_SECONDS", "4"))
# URLs take turns, and each keeps its best round: on a machine shared with other work, a
# burst of outside load then cannot land on one URL only.
ROUNDS = int(os.environ.get("HEARTH_BENCH_ROUNDS", "3"))
CONNECTIONS = 8
WORKERS = 2
REDIS_URL = os.environ.get("HEARTH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")


def main() -> None:
    runs = [("database cache", "")]
    if _redis_answers(REDIS_URL):
        runs.append((f"Redis cache ({REDIS_URL})", REDIS_URL))
    tool = "wrk" if shutil.which("wrk") else "Python client (install wrk for truer figures)"
    print(
        f"site benchmark: gunicorn, {WORKERS} sync workers, SQLite, DEBUG off; "
        f"load: {tool}, {CONNECTIONS} connections; URLs take turns, best of {ROUNDS} "
        f"rounds of {SECONDS} s each"
    )
    for label, redis_url in runs:
        env = _prepare(redis_url)
        rates = _measure(env)
        hello = rates["hello view"]
        print(f"-- {label}")
        for name, _ in URLS:
            print(f"  {name:<20} {rates[name]:>8.0f} req/s   {rates[name] / hello:.2f} x hello")
        ratio = rates["blog post (cached)"] / hello
        print(f"  goal: cached post >= 0.5 x hello: {'met' if ratio >= 0.5 else 'MISSED'}")


def _prepare(redis_url: str) -> dict[str, str]:
    env = fresh_demo_install(
        BENCH_DIR,
        settings_module="benchmarks.site_settings",
        extra_env={"REDIS_URL": redis_url, "HEARTH_PAGE_CACHE": "on"},
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    if redis_url:
        clear = "from django.core.cache import caches; caches['pages'].clear()"
        subprocess.run(
            [*manage, "shell", "-c", clear], env=env, cwd=ROOT, check=True, capture_output=True
        )
    return env


def _measure(env: dict[str, str]) -> dict[str, float]:
    with gunicorn_server(env=env, workers=WORKERS, threads=1, ready_path="/bench/hello/") as base:
        for _ in range(WORKERS * 3):  # warm both workers and fill the page cache
            for _, path in URLS:
                urllib.request.urlopen(base + path).read()
        with urllib.request.urlopen(base + POST) as response:
            assert response.headers["X-Page-Cache"] == "hit", response.headers["X-Page-Cache"]
        best = dict.fromkeys((name for name, _ in URLS), 0.0)
        for _ in range(ROUNDS):
            for name, path in URLS:
                best[name] = max(best[name], _rate(base + path))
        return best


def _rate(url: str) -> float:
    if shutil.which("wrk"):
        output = subprocess.run(
            ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", url],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        assert errors is None, output
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return _python_rate(url)


def _python_rate(url: str) -> float:
    done = [0] * CONNECTIONS
    stop = time.monotonic() + SECONDS

    def client(number: int) -> None:
        while time.monotonic() < stop:
            with urllib.request.urlopen(url) as response:
                response.read()
            done[number] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def _redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


if __name__ == "__main__":
    main()
