"""`make soak`: Hearth past one server under mixed traffic with faults, for SOAK_SECONDS
(default 600), on a private PostgreSQL and Redis (benchmarks/soak/install.py).

Two app servers behind a stand-in for the proxy and two workers serve page reads, slot
queries, bookings, cancellations, comments and view beacons. In the middle PostgreSQL is
stopped for SOAK_OUTAGE_SECONDS (30), a worker is killed once and an app server once
(SIGKILL; each comes back after a few seconds, as under systemd). Then it prints the figures,
writes them to var/soak/results.json, and exits 1 if an invariant fails: no error outside
the faults, bookings in the database equal to those answered as made, every queued message
delivered (by Message-ID), at most one duplicate per worker cut off (a kill, or the outage
cutting off one send per worker), and both app servers answering after the outage without
a restart.
"""

import json
import os
import sys
import time
from pathlib import Path

from benchmarks.soak import checks
from benchmarks.soak.faults import Faults, Schedule, kill_worker
from benchmarks.soak.install import WORKERS, soak_install
from benchmarks.soak.report import print_figures
from benchmarks.soak.site import post_ids
from benchmarks.soak.traffic import Recorder, Traffic

ROOT = Path(__file__).resolve().parents[2]
SOAK_DIR = Path(os.environ.get("HEARTH_SOAK_DIR") or ROOT / "var" / "soak")


def main() -> int:
    seconds = float(os.environ.get("SOAK_SECONDS", "600"))
    outage_seconds = float(os.environ.get("SOAK_OUTAGE_SECONDS", "30"))
    drain_seconds = float(os.environ.get("SOAK_DRAIN_SECONDS", "180"))
    schedule = Schedule.for_run(seconds, outage_seconds)
    print(
        f"soak: {seconds:.0f} s of mixed traffic, 2 app servers, {WORKERS} workers; {schedule}",
        flush=True,
    )
    with soak_install(SOAK_DIR / "run") as install:
        recorder = Recorder()
        if schedule.worker_kill_at is None:
            kill_worker(install, recorder)  # its supervisor brings it back during the traffic
        posts, commented = post_ids(install.database_url)
        first_message = checks.outbox_high_water(install.database_url)
        traffic = Traffic(install.bases, recorder, post_ids=posts, commented_id=commented)
        faults = Faults(install, recorder, schedule)
        began = time.monotonic()
        faults.start_with_traffic()
        traffic.run(seconds)
        faults.join()
        traffic_seconds = time.monotonic() - began
        drained = checks.drain(
            install.database_url, after_id=first_message, timeout_seconds=drain_seconds
        )
        time.sleep(2)  # a duplicate would arrive now
        figures = {
            "seconds": round(traffic_seconds, 1),
            "short_run": schedule.worker_kill_at is None,
            "schedule": schedule.__dict__,
            "requests": checks.request_figures(recorder, traffic_seconds),
            "bookings": checks.booking_figures(recorder, install.database_url),
            "messages": checks.message_figures(
                install.database_url, install.sink, after_id=first_message
            ),
            "drain_seconds": drained,
            "after_outage": faults.after_outage,
            "events": [
                (what, round(b - began, 1), round(e - began, 1)) for what, b, e in recorder.events
            ],
            "restarts": {p.name: p.starts - 1 for p in (*install.servers, *install.workers)},
            "duplicates_allowed": 1
            + WORKERS,  # the worker kill, and one cut-off send per worker at the outage
            "machine": {
                "cpus": os.cpu_count(),
                "load_average": [round(x, 2) for x in os.getloadavg()],
            },
        }
    figures["failed"] = checks.failed_invariants(figures)
    print_figures(figures)
    SOAK_DIR.mkdir(parents=True, exist_ok=True)
    (SOAK_DIR / "results.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"figures written to {SOAK_DIR / 'results.json'}")
    return 1 if figures["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
