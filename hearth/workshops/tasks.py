"""Background work of workshops: an offer that is not taken lapses to the next in line.

The task backends have no periodic schedule of their own: each offer enqueues
the sweep to run when it expires (where the backend can defer), the sweep is
also a management command for cron, and every write to a workshop lapses its
expired offers first, so an offer never outlives its time in what people see.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task


@task()
def sweep_workshop_offers() -> int:
    from .actions import lapse_expired_offers

    return lapse_expired_offers(now=timezone.now())


def schedule_sweep(at: dt.datetime) -> None:
    """Run the sweep at `at`, after the current transaction commits (if the backend defers)."""
    if not default_task_backend.supports_defer:
        return
    transaction.on_commit(lambda: sweep_workshop_offers.using(run_after=at).enqueue())
