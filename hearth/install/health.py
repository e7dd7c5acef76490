"""Is this install healthy? The checks behind /healthz and `manage.py deploy_check`.

Three checks, four small queries, no client data in any answer:
- `database`: a `SELECT 1` answers;
- `worker`: a worker finished a sweep within 3 x HEARTH_SWEEP_SECONDS (the heartbeat is the
  one SweeperState row, hearth/notifications/sweeper.py: it proves the queue moves);
- `outbox`: no message is still waiting HEARTH_HEALTH_OUTBOX_MINUTES after it was due, and
  none gave up (failed messages wait for a retry in the admin's Messages).
A database that cannot be reached fails `database`; the other two are then not checked.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection

from hearth.notifications.queries import outbox_backlog
from hearth.notifications.sweeper import last_sweep_at

CHECK_NAMES = ("database", "worker", "outbox")
# How many sweep intervals may pass without a finished sweep before the worker is called stale.
WORKER_INTERVALS = 3
NOT_CHECKED = "Not checked: the database cannot be reached."


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str  # one plain sentence for the operator
    figures: dict = field(default_factory=dict)  # numbers a monitor may graph

    def as_json(self) -> dict:
        return {"ok": self.ok, "detail": self.detail, **self.figures}


def worker_limit() -> dt.timedelta:
    return WORKER_INTERVALS * dt.timedelta(seconds=settings.HEARTH_SWEEP_SECONDS)


def outbox_limit() -> dt.timedelta:
    return dt.timedelta(minutes=settings.HEARTH_HEALTH_OUTBOX_MINUTES)


def database_check() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The error text can name hosts and users: the operator finds it in the server's log.
        return Check("database", False, "The database cannot be reached.")
    return Check("database", True, "The database answers.")


def worker_check(*, now: dt.datetime) -> Check:
    limit = worker_limit()
    swept_at = last_sweep_at()
    figures = {
        "last_sweep_at": swept_at.isoformat() if swept_at else None,
        "age_seconds": int((now - swept_at).total_seconds()) if swept_at else None,
        "limit_seconds": int(limit.total_seconds()),
    }
    if swept_at is None:
        detail = "No worker has finished a sweep yet: is `manage.py hearth_worker` running?"
        return Check("worker", False, detail, figures)
    if now - swept_at > limit:
        detail = (
            f"The worker last finished a sweep {figures['age_seconds']} seconds ago (more "
            f"than {figures['limit_seconds']}): is `manage.py hearth_worker` running?"
        )
        return Check("worker", False, detail, figures)
    return Check("worker", True, "The worker is sweeping the outbox.", figures)


def outbox_check(*, now: dt.datetime) -> Check:
    backlog = outbox_backlog(now=now, overdue_after=outbox_limit())
    minutes = settings.HEARTH_HEALTH_OUTBOX_MINUTES
    figures = {"overdue": backlog.overdue, "failed": backlog.failed, "overdue_minutes": minutes}
    problems = []
    if backlog.overdue:
        problems.append(f"{backlog.overdue} message(s) due more than {minutes} minutes ago")
    if backlog.failed:
        problems.append(f"{backlog.failed} message(s) failed (retry them in Messages)")
    if problems:
        return Check("outbox", False, "; ".join(problems) + ".", figures)
    return Check("outbox", True, "Messages go out on time.", figures)


def run_checks(*, now: dt.datetime, names: tuple[str, ...] = CHECK_NAMES) -> list[Check]:
    """The checks named (all by default), in CHECK_NAMES order."""
    database = database_check()
    later = [(name, check) for name, check in LATER_CHECKS if name in names]
    if not database.ok:
        return [database, *(Check(name, False, NOT_CHECKED) for name, _check in later)]
    checks = [database] if "database" in names else []
    return checks + [guarded(name, check, now=now) for name, check in later]


def guarded(name: str, check, *, now: dt.datetime) -> Check:
    """`check(now=now)`, or a failed Check if the database fails it (gone, or not migrated)."""
    try:
        return check(now=now)
    except DatabaseError:
        return Check(name, False, "The database could not answer: are the migrations applied?")


LATER_CHECKS = (("worker", worker_check), ("outbox", outbox_check))


def health_report(checks: list[Check]) -> dict:
    """The JSON /healthz answers: {"status": "ok"|"failing", "checks": {...}, "failing": [...]}."""
    failing = [check.name for check in checks if not check.ok]
    return {
        "status": "failing" if failing else "ok",
        "checks": {check.name: check.as_json() for check in checks},
        "failing": failing,
    }
