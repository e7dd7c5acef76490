"""Background tasks (Django's Tasks API): deliver after commit, and the sweeper chain."""

import logging
import threading

from django.db import connections
from django.utils import timezone
from django_tasks import default_task_backend, task

from . import delivery, planning, sweeper

logger = logging.getLogger(__name__)


@task()
def deliver_messages(message_ids: list[int]) -> int:
    """Send these outbox rows if they are due; returns how many were sent."""
    sent, _failed = delivery.deliver(now=timezone.now(), ids=message_ids)
    return sent


def sweep_once() -> dict:
    now = timezone.now()
    queued, skipped = planning.decide_due(now=now)
    sent, failed = delivery.deliver(now=now)
    return {"planned_queued": queued, "planned_skipped": skipped, "sent": sent, "failed": failed}


@task()
def sweep(chain: str) -> dict:
    """One run of the sweeper chain `chain`; enqueues the next run unless superseded, also
    when this run fails (a database outage must not end the chain: only a worker restart
    would start a new one)."""
    superseded = False
    try:
        superseded = not sweeper.beat(chain=chain, now=timezone.now())
        if superseded:
            return {"superseded": True}
        result = sweep_once()
        sweeper.record_sweep(chain=chain, now=timezone.now())
        return result
    finally:
        if not superseded and default_task_backend.supports_defer:
            sweep.using(run_after=timezone.now() + sweeper.interval()).enqueue(chain)


def start_sweeper() -> str | None:
    """Start the sweeper chain if none is alive (worker start-up calls this)."""
    chain = sweeper.kick(now=timezone.now())
    if chain is not None:
        sweep.enqueue(chain)
    return chain


def watch_sweeper(stop: threading.Event) -> None:
    """Until `stop` is set, look once per sweep interval for a chain that stopped beating and
    start a new one. A worker killed in the middle of a sweep never plans the next run; a
    worker restarted soon after finds the dead chain still "live" (it beat less than three
    intervals ago), so without this watch nothing would start one again. Runs in a thread
    of `hearth_worker`, on its own database connection."""
    while not stop.wait(sweeper.interval().total_seconds()):
        try:
            chain = start_sweeper()
            if chain is not None:
                logger.warning("sweeper: the last chain had stopped; started %s", chain)
        except Exception as error:
            logger.warning("sweeper: could not check the chain (%s)", type(error).__name__)
        finally:
            connections.close_all()  # this thread's own connections
