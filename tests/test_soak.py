"""`make soak` in its tiny mode (20 s of traffic, a 4-second database outage), so the script
and its invariants cannot rot: its own PostgreSQL cluster and Redis, two app servers, two
workers, faults, and the figures it writes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hearth.core.testing.private_services import (
    private_postgres_available,
    private_redis_available,
)

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        not (private_postgres_available() and private_redis_available()),
        reason="needs PostgreSQL's server programs (initdb, pg_ctl) and redis-server",
    ),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"),
        reason="runs its own PostgreSQL whatever the suite's database: run once, on SQLite",
    ),
]


def test_a_short_soak_keeps_every_invariant_through_its_faults(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env |= {
        "SOAK_SECONDS": "20",
        "SOAK_OUTAGE_SECONDS": "4",
        "SOAK_DRAIN_SECONDS": "15",
        "HEARTH_SOAK_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.soak"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    figures = json.loads((tmp_path / "results.json").read_text())
    assert figures["failed"] == []
    assert [what for what, _, _ in figures["events"]] == [
        "worker_kill",
        "database_outage",
        "app_kill:1",
    ]
    restarts = figures["restarts"]
    assert (restarts["app-0"], restarts["app-1"], restarts["worker-1"]) == (0, 1, 0)
    # Killed before the traffic; brought back, it may find the database down and exit once
    # more (start-up needs the database), to be brought back again as systemd would.
    assert restarts["worker-0"] >= 1
    errors = figures["requests"]["errors"]
    assert errors["outside_faults"] == 0
    assert errors["during_outage"] > 0  # the outage was real: something needed the database
    bookings = figures["bookings"]
    assert bookings["in_database"] == bookings["answered_201"] + bookings["replayed_200"] > 0
    assert bookings["cancelled_in_database"] == bookings["cancellations_answered"]
    messages = figures["messages"]
    assert messages["queued"] > 0
    assert messages["delivered_distinct"] + messages["waiting_for_retry"] == messages["queued"]
    assert figures["after_outage"]["all_answered"] is True
    assert figures["after_outage"]["restarted"] == [0, 0]
    for kind in ("page", "slots", "booking", "cancel", "comment", "beacon"):
        assert figures["requests"]["kinds"][kind]["served"] > 0, kind
