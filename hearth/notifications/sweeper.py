"""The sweeper: one chain of tasks, each re-enqueued with `run_after`, that decides due
planned messages and delivers due outbox rows (retries, and anything whose enqueue was lost).

The backends have no periodic tasks; a chain keeps itself alive, and `kick` starts a new
one only when the live chain has not beaten for three intervals, so restarts never
multiply chains: a superseded chain stops at its next run.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import transaction

from .models import SweeperState

NAME = "outbox"


def interval() -> dt.timedelta:
    return dt.timedelta(seconds=settings.HEARTH_SWEEP_SECONDS)


def kick(*, now: dt.datetime) -> str | None:
    """Start a new chain unless a live one exists; returns the new chain's id."""
    with transaction.atomic():
        state = SweeperState.objects.select_for_update().filter(name=NAME).first()
        if state is not None and state.beat_at > now - 3 * interval():
            return None
        chain = uuid.uuid4().hex
        SweeperState.objects.update_or_create(name=NAME, defaults={"chain": chain, "beat_at": now})
    return chain


def record_sweep(*, chain: str, now: dt.datetime) -> None:
    """The worker's heartbeat: a sweep of the live chain `chain` finished at `now`. One row
    is updated, never a log; every app server reads it from the database."""
    SweeperState.objects.filter(name=NAME, chain=chain).update(swept_at=now)


def last_sweep_at() -> dt.datetime | None:
    """When a worker last finished a sweep (None: never, or no chain was ever started)."""
    return SweeperState.objects.filter(name=NAME).values_list("swept_at", flat=True).first()


def beat(*, chain: str, now: dt.datetime) -> bool:
    """Record a run of `chain`; False if another chain has taken over."""
    with transaction.atomic():
        return bool(SweeperState.objects.filter(name=NAME, chain=chain).update(beat_at=now))
