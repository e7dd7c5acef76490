"""The daily retention run, started by the worker (`manage.py hearth_worker`).

The task backends have no periodic schedules, so each run plans the next one a day later
with `run_after`. One row (RetentionPlan) holds the planned time: a run whose time is not
the planned one is a duplicate and stops, and a plan left overdue (a worker that was down)
is replaced at the next start, which runs retention at once.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import RetentionPlan
from .retention import apply_retention

EVERY = dt.timedelta(days=1)


@task()
def run_retention(planned_for: str) -> dict:
    """Apply retention, then plan the next run (unless this run is a duplicate)."""
    if not _claim(planned_for=dt.datetime.fromisoformat(planned_for)):
        return {"skipped": True}
    try:
        report = apply_retention(now=timezone.now())
        RetentionPlan.objects.filter(pk=1).update(last_run_at=timezone.now())
    finally:
        plan_retention(run_at=timezone.now() + EVERY, now=timezone.now())
    return report.as_dict()


def _claim(*, planned_for: dt.datetime) -> bool:
    with transaction.atomic():
        plan = RetentionPlan.objects.select_for_update().filter(pk=1).first()
        if plan is None or plan.next_run_at != planned_for:
            return False
        plan.next_run_at = None
        plan.save(update_fields=["next_run_at"])
    return True


def plan_retention(*, run_at: dt.datetime, now: dt.datetime) -> bool:
    """Enqueue a run at `run_at` unless one is planned and not overdue; False on a backend
    that cannot defer (there `manage.py apply_retention` from cron does the work)."""
    if not default_task_backend.supports_defer:
        return False
    with transaction.atomic():
        plan, _ = RetentionPlan.objects.select_for_update().get_or_create(pk=1)
        if plan.next_run_at is not None and plan.next_run_at + EVERY >= now:
            return False
        plan.next_run_at = run_at
        plan.save(update_fields=["next_run_at"])
        deferred = run_retention.using(run_after=run_at) if run_at > now else run_retention
        transaction.on_commit(lambda: deferred.enqueue(planned_for=run_at.isoformat()))
    return True


def start_retention_schedule(*, now: dt.datetime) -> bool:
    """Plan a first run now; safe on every worker start (False when one is planned)."""
    return plan_retention(run_at=now, now=now)
