"""The faults the soak injects while its traffic runs: one worker killed, PostgreSQL stopped
(`pg_ctl stop -m fast`) and started again, one app server killed (SIGKILL, brought back by
its supervisor as systemd would); and, after the outage, whether both app servers answer
again without having been restarted."""

import threading
import time
import urllib.request
from dataclasses import dataclass

from benchmarks.soak.install import Install
from benchmarks.soak.site import SERVICE
from benchmarks.soak.traffic import Recorder

LONG_RUN_SECONDS = 300
ANSWER_WITHIN_SECONDS = 30


@dataclass(frozen=True)
class Schedule:
    """Seconds after the traffic starts. A short run kills its worker before the traffic
    (at None): a message cut off mid-send is due again only after the first retry wait (a
    minute), longer than the run."""

    worker_kill_at: float | None
    outage_at: float
    outage_seconds: float
    app_kill_at: float

    @classmethod
    def for_run(cls, seconds: float, outage_seconds: float) -> "Schedule":
        long = seconds >= LONG_RUN_SECONDS
        return cls(
            worker_kill_at=0.2 * seconds if long else None,
            outage_at=0.4 * seconds,
            outage_seconds=outage_seconds,
            app_kill_at=0.75 * seconds,
        )


def kill_worker(install: Install, recorder: Recorder) -> None:
    now = time.monotonic()
    install.workers[0].kill()
    recorder.event("worker_kill", now, now)


class Faults(threading.Thread):
    def __init__(self, install: Install, recorder: Recorder, schedule: Schedule) -> None:
        super().__init__(name="faults", daemon=True)
        self.install, self.recorder, self.schedule = install, recorder, schedule
        self.began = 0.0
        self.after_outage: dict = {}

    def start_with_traffic(self) -> None:
        self.began = time.monotonic()
        self.start()

    def run(self) -> None:
        steps = [
            (self.schedule.worker_kill_at, lambda: kill_worker(self.install, self.recorder)),
            (self.schedule.outage_at, self.database_outage),
            (self.schedule.app_kill_at, self.kill_app_server),
        ]
        for offset, step in sorted((s for s in steps if s[0] is not None), key=lambda s: s[0]):
            time.sleep(max(0.0, self.began + offset - time.monotonic()))
            step()

    def database_outage(self) -> None:
        starts = [server.starts for server in self.install.servers]
        began = time.monotonic()
        self.install.postgres.stop("fast")
        time.sleep(max(0.0, began + self.schedule.outage_seconds - time.monotonic()))
        self.install.postgres.start()
        ended = time.monotonic()
        self.recorder.event("database_outage", began, ended)
        waits = [self._seconds_until_answered(base) for base in self.install.bases]
        self.after_outage = {
            "seconds_to_answer": waits,
            "all_answered": all(wait is not None for wait in waits),
            "restarted": [
                server.starts - before
                for server, before in zip(self.install.servers, starts, strict=True)
            ],
            "outage_seconds": round(ended - began, 1),
        }

    def kill_app_server(self) -> None:
        now = time.monotonic()
        self.install.servers[1].kill()
        self.recorder.event("app_kill:1", now, now)

    @staticmethod
    def _seconds_until_answered(base: str) -> float | None:
        """How long after the database is back this server answers a query that needs it."""
        from datetime import UTC, datetime, timedelta

        day = (datetime.now(UTC).date() + timedelta(days=2)).isoformat()
        url = f"{base}/api/v1/services/{SERVICE}/slots?start={day}&end={day}&tz=UTC&location=WA"
        began = time.monotonic()
        while time.monotonic() - began < ANSWER_WITHIN_SECONDS:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    if response.status == 200:
                        return round(time.monotonic() - began, 2)
            except OSError:
                pass
            time.sleep(0.1)
        return None
