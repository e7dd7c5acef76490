"""Booking under load: many clients at once go through slots -> book -> cancel against gunicorn.

Each client (a thread holding one keep-alive connection) repeats, until the time is up: ask
for a free consultation's slots over four weeks, book one of them at random, cancel that
booking with its manage token. Two clients picking the same slot is part of the load: the
second is refused with `slot_taken` (counted, not an error). Anything else (a 5xx, another
refusal, a broken connection) is an error, and there must be none.

The demo install is served by gunicorn (2 workers x 8 threads, as the race tests use) on
SQLite, and on PostgreSQL when one answers on HEARTH_BENCH_POSTGRES_URL (a database of its
own, emptied first; default postgres://postgres@127.0.0.1:5432/hearth_bench_load).
Printed: completed cycles/s, requests/s, p50 and p99 latency of every request, refusals
and errors.
"""

import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchmarks.results import tiny
from hearth.core.testing import fresh_demo_install, gunicorn_server

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "booking-load"
CLIENTS = 4 if tiny() else int(os.environ.get("HEARTH_BENCH_CLIENTS", "50"))
SECONDS = 3 if tiny() else int(os.environ.get("HEARTH_BENCH_LOAD_SECONDS", "60"))
POSTGRES_URL = os.environ.get(
    "HEARTH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/hearth_bench_load"
)
SERVICE = "free-consultation"
ZONE = "America/Los_Angeles"
SERVER_ENV = {
    "DEBUG": "false",
    "HEARTH_RATE_LIMIT_PER_IP": "0",
    "HEARTH_RATE_LIMIT_PER_EMAIL": "0",
    "HEARTH_PAGE_CACHE": "on",
}


def main() -> dict[str, object]:
    runs = [("SQLite", _sqlite_env)]
    if not tiny() and _postgres_answers(POSTGRES_URL):
        runs.append(("PostgreSQL", _postgres_env))
    print(
        f"booking under load: {CLIENTS} clients, {SECONDS} s, slots -> book -> cancel, "
        "gunicorn 2 workers x 8 threads"
    )
    figures: dict[str, object] = {}
    for label, prepare in runs:
        with gunicorn_server(env=prepare(), workers=2, threads=8) as base:
            result = _drive(base)
        print(
            f"-- {label}: {result['cycles_per_second']:.1f} cycles/s, "
            f"{result['requests_per_second']:.1f} requests/s, "
            f"p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, "
            f"slot taken {result['slot_taken']}, errors {result['errors']}"
        )
        assert result["errors"] == 0, result["error_samples"]
        assert result["cycles"] > 0, result
        figures[label] = result
    return figures


def _sqlite_env() -> dict[str, str]:
    return fresh_demo_install(
        BENCH_DIR, settings_module="config.settings.dev", extra_env=SERVER_ENV
    )


def _postgres_env() -> dict[str, str]:
    import psycopg

    parts = urlsplit(POSTGRES_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        **SERVER_ENV,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "HEARTH_VAR_DIR": str(BENCH_DIR),
        "DATABASE_URL": POSTGRES_URL,
    }
    # Set-up work (search index and the like) runs inline; the server queues its tasks in
    # the database, as on SQLite.
    setup_env = {**env, "HEARTH_TASK_BACKEND": "immediate"}
    for step in (["migrate", "--noinput", "-v", "0"], ["createcachetable"], ["setup_install"]):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *step],
            env=setup_env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return env


def _drive(base: str) -> dict[str, object]:
    host, port = urlsplit(base).hostname, urlsplit(base).port
    today = datetime.now(UTC).date()
    slots_path = f"/api/v1/services/{SERVICE}/slots?" + urlencode(
        {
            "start": (today + timedelta(days=3)).isoformat(),
            "end": (today + timedelta(days=30)).isoformat(),
            "tz": ZONE,
            "location": "WA",
        }
    )
    deadline = time.monotonic() + SECONDS
    latencies: list[float] = []
    counts = {"cycles": 0, "slot_taken": 0, "errors": 0}
    samples: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        chooser = random.Random(number)
        connection = http.client.HTTPConnection(host, port, timeout=60)
        mine: list[float] = []
        done = {"cycles": 0, "slot_taken": 0, "errors": 0}

        def call(method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
            nonlocal connection
            data = None if body is None else json.dumps(body)
            headers = {} if body is None else {"Content-Type": "application/json"}
            began = time.perf_counter()
            try:
                connection.request(method, path, body=data, headers=headers)
                response = connection.getresponse()
                status, text = response.status, response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
                mine.append(time.perf_counter() - began)
                return 0, {"detail": repr(error)}
            mine.append(time.perf_counter() - began)
            try:
                return status, json.loads(text)
            except ValueError:
                return status, {"detail": text[:200].decode(errors="replace")}

        def error(what: str) -> None:
            done["errors"] += 1
            if len(samples) < 5:
                samples.append(what)

        while time.monotonic() < deadline:
            status, answer = call("GET", slots_path)
            if status != 200:
                error(f"slots {status} {answer}")
                continue
            if not answer["slots"]:
                error("no slots left to book")
                continue
            slot = chooser.choice(answer["slots"])
            status, booking = call(
                "POST",
                "/api/v1/bookings",
                {
                    "service": SERVICE,
                    "start": slot["start"],
                    "name": f"Load Client {number}",
                    "email": f"load{number}-{done['cycles']}@example.com",
                    "location": "WA",
                    "timezone": ZONE,
                    "consent": True,
                },
            )
            if status == 409 and booking.get("code") == "slot_taken":
                done["slot_taken"] += 1
                continue
            if status != 201:
                error(f"book {status} {booking}")
                continue
            status, cancelled = call("POST", f"/api/v1/bookings/{booking['token']}/cancel")
            if status != 200 or cancelled.get("status") != "cancelled":
                error(f"cancel {status} {cancelled}")
                continue
            done["cycles"] += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            for key, value in done.items():
                counts[key] += value

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        **counts,
        "seconds": elapsed,
        "clients": CLIENTS,
        "requests": len(latencies),
        "cycles_per_second": counts["cycles"] / elapsed,
        "requests_per_second": len(latencies) / elapsed,
        "p50_ms": _percentile(latencies, 0.50) * 1000,
        "p99_ms": _percentile(latencies, 0.99) * 1000,
        "error_samples": samples,
    }


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _postgres_answers(url: str) -> bool:
    try:
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), connect_timeout=2):
            return True
    except Exception:
        return False


if __name__ == "__main__":
    main()
