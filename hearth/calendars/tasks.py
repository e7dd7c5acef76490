"""The background refresh of busy calendars, run every HEARTH_CALENDAR_REFRESH_MINUTES.

The task backends have no periodic schedules, so each run plans the next one with
`run_after`. One row (RefreshPlan) holds the planned time: a run whose time is not the
planned one is a duplicate and stops, so starting the schedule twice never piles up runs,
and a plan left overdue (a worker that was down, a lost queue) is replaced by the next start.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .actions import refresh_all_calendars
from .models import RefreshPlan

logger = logging.getLogger(__name__)


def refresh_interval() -> dt.timedelta:
    return dt.timedelta(minutes=settings.HEARTH_CALENDAR_REFRESH_MINUTES)


def backend_can_schedule() -> bool:
    """False for the immediate backend: it runs tasks at once and cannot defer them."""
    return bool(default_task_backend.supports_defer)


@task()
def refresh_busy_calendars(planned_for: str) -> dict:
    """Refresh every busy calendar, then plan the next run (unless this run is a duplicate)."""
    now = timezone.now()
    if not claim_planned_run(planned_for=dt.datetime.fromisoformat(planned_for)):
        return {"skipped": True}
    try:
        outcomes = refresh_all_calendars(now=now)
    finally:
        plan_refresh(run_at=timezone.now() + refresh_interval(), now=timezone.now())
    return {"refreshed": len(outcomes), "failed": sum(not o.ok for o in outcomes)}


@task()
def refresh_practitioner_calendars(practitioner_id: int) -> dict:
    """One practitioner's calendars, soon after they were edited (outside the schedule)."""
    outcomes = refresh_all_calendars(now=timezone.now(), practitioner_id=practitioner_id)
    return {"refreshed": len(outcomes), "failed": sum(not o.ok for o in outcomes)}


def refresh_soon(*, practitioner_id: int) -> bool:
    """Queue a refresh of one practitioner's calendars after the current transaction, when a
    worker runs tasks; never on the immediate backend, which would fetch inside the request."""
    if not backend_can_schedule():
        return False
    transaction.on_commit(
        lambda: refresh_practitioner_calendars.enqueue(practitioner_id=practitioner_id)
    )
    return True


def claim_planned_run(*, planned_for: dt.datetime) -> bool:
    """True (and the plan cleared) when `planned_for` is the planned run's time."""
    with transaction.atomic():
        plan = RefreshPlan.objects.select_for_update().filter(pk=1).first()
        if plan is None or plan.next_run_at != planned_for:
            return False
        plan.next_run_at = None
        plan.save(update_fields=["next_run_at"])
    return True


def plan_refresh(*, run_at: dt.datetime, now: dt.datetime) -> bool:
    """Enqueue a refresh to run at `run_at`, unless one is already planned and not overdue.

    Returns whether a run was enqueued. Does nothing on a backend that cannot defer tasks
    (there, `manage.py refresh_calendars` from cron does the refreshing).
    """
    if not backend_can_schedule():
        return False
    with transaction.atomic():
        plan, _ = RefreshPlan.objects.select_for_update().get_or_create(pk=1)
        if plan.next_run_at is not None and plan.next_run_at + refresh_interval() >= now:
            return False
        plan.next_run_at = run_at
        plan.save(update_fields=["next_run_at"])
        deferred = refresh_busy_calendars.using(run_after=run_at) if run_at > now else None
        transaction.on_commit(
            lambda: (deferred or refresh_busy_calendars).enqueue(planned_for=run_at.isoformat())
        )
    return True


def start_refresh_schedule(*, now: dt.datetime) -> bool:
    """Plan a first refresh now (from `setup_install`, `make run` or a deploy script).

    Safe to call on every start: returns False when a run is already planned.
    """
    return plan_refresh(run_at=now, now=now)
