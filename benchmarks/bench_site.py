"""Cached public pages under gunicorn against a bare Django project's "Hello, world!".

The peer (benchmarks/peers/bare/) and Hearth's demo site (benchmarks/site_settings.py) are
served side by side with the same gunicorn settings (2 sync workers) in the same run; the
URLs take turns, and each keeps its best round, so a burst of outside load on a shared
machine cannot land on one URL only. The target (DESIGN.md "Performance targets"): every
cached page at >= 80% of the peer's requests/s. The load comes from `wrk` when installed
(apt-get install wrk), else from a Python client, which is slower than the server on small
machines and then understates every figure alike.
Runs once with the database cache and once more with Redis when one answers on
HEARTH_BENCH_REDIS_URL (default redis://127.0.0.1:6379/3).
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

from benchmarks.results import tiny
from hearth.core.testing import fresh_demo_install, gunicorn_server

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "site"
PEER = "bare Django"
PAGES = [
    ("blog post", "/blog/when-the-one-being-hurt-is-a-man/"),  # comments off: cacheable
    ("blog index", "/blog/"),
    ("home page", "/"),
]
SECONDS = 1 if tiny() else int(os.environ.get("HEARTH_BENCH_SECONDS", "2"))
ROUNDS = 1 if tiny() else int(os.environ.get("HEARTH_BENCH_ROUNDS", "6"))
CONNECTIONS = 32
WORKERS = 2
TARGET = 0.8
REDIS_URL = os.environ.get("HEARTH_BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")


def main() -> dict[str, object]:
    runs = [("database cache", "")]
    if not tiny() and _redis_answers(REDIS_URL):
        runs.append((f"Redis cache ({REDIS_URL})", REDIS_URL))
    tool = "wrk" if shutil.which("wrk") else "Python client (install wrk for truer figures)"
    print(
        f"site benchmark: gunicorn, {WORKERS} sync workers, SQLite, DEBUG off; "
        f"load: {tool}, {CONNECTIONS} connections; URLs take turns, best of {ROUNDS} "
        f'rounds of {SECONDS} s each; peer: a bare Django project\'s "Hello, world!"'
    )
    figures: dict[str, object] = {}
    for label, redis_url in runs:
        rates = _measure(_prepare(redis_url))
        peer = rates[PEER]
        print(f"-- {label}")
        print(f"  {PEER:<12} {peer:>8.0f} req/s")
        for name, _ in PAGES:
            print(f"  {name:<12} {rates[name]:>8.0f} req/s   {rates[name] / peer:.2f} x {PEER}")
        lowest = min(rates[name] / peer for name, _ in PAGES)
        print(
            f"  goal: every cached page >= {TARGET:.0%} of {PEER}: "
            f"{'met' if lowest >= TARGET else 'MISSED'} (lowest {lowest:.0%})"
        )
        figures[label] = {
            "requests_per_second": rates,
            "ratio_to_peer": {name: rates[name] / peer for name, _ in PAGES},
        }
    return figures


def _prepare(redis_url: str) -> dict[str, str]:
    env = fresh_demo_install(
        BENCH_DIR,
        settings_module="benchmarks.site_settings",
        extra_env={"REDIS_URL": redis_url, "HEARTH_PAGE_CACHE": "on"},
    )
    if redis_url:
        clear = "from django.core.cache import caches; caches['pages'].clear()"
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "shell", "-c", clear],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return env


def _measure(env: dict[str, str]) -> dict[str, float]:
    peer_env = {"DJANGO_SETTINGS_MODULE": "benchmarks.peers.bare.settings"}
    with (
        gunicorn_server(
            env=peer_env,
            workers=WORKERS,
            threads=1,
            ready_path="/",
            app="benchmarks.peers.bare.wsgi",
        ) as peer_base,
        gunicorn_server(env=env, workers=WORKERS, threads=1, ready_path="/robots.txt") as base,
    ):
        urls = [(PEER, peer_base + "/")] + [(name, base + path) for name, path in PAGES]
        for _ in range(WORKERS * 3):  # warm both workers and fill the page cache
            for _, url in urls:
                urllib.request.urlopen(url).read()
        for name, url in urls[1:]:
            with urllib.request.urlopen(url) as response:
                cache = response.headers["X-Page-Cache"]
                assert cache == "hit", f"{name} is not served from the page cache: {cache}"
        best = dict.fromkeys((name for name, _ in urls), 0.0)
        for _ in range(ROUNDS):
            for name, url in urls:
                best[name] = max(best[name], _rate(url))
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
