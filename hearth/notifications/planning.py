"""Planned messages (reminders): when one falls due, the builder registered for its kind
decides, from the related object as it is now, what to queue — possibly nothing."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from .models import PlannedMessage, PlannedStatus

# kind -> builder(planned, now) -> number of messages it queued (0: nothing was needed)
Builder = Callable[[PlannedMessage, dt.datetime], int]
_builders: dict[str, Builder] = {}
BATCH = 200


def register(kind: str) -> Callable[[Builder], Builder]:
    """Decorator: `@register("booking.reminder")` on a builder that calls `queue_email`."""

    def decorate(builder: Builder) -> Builder:
        _builders[kind] = builder
        return builder

    return decorate


def decide_due(*, now: dt.datetime) -> tuple[int, int]:
    """Decide every planned message due by `now`, each in its own transaction with the
    messages it queues. Returns (queued, skipped)."""
    queued = skipped = 0
    while True:
        ids = list(
            PlannedMessage.objects.filter(status=PlannedStatus.PENDING, due_at__lte=now)
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        for planned_id in ids:
            outcome = _decide(planned_id, now)
            queued += outcome == PlannedStatus.QUEUED
            skipped += outcome == PlannedStatus.SKIPPED
        if len(ids) < BATCH:
            return queued, skipped


def _decide(planned_id: int, now: dt.datetime) -> str | None:
    with transaction.atomic():
        planned = (
            PlannedMessage.objects.select_for_update()
            .filter(pk=planned_id, status=PlannedStatus.PENDING)
            .first()
        )
        if planned is None:  # another sweeper decided it first
            return None
        builder = _builders.get(planned.kind)
        count = builder(planned, now) if builder else 0
        planned.status = PlannedStatus.QUEUED if count else PlannedStatus.SKIPPED
        planned.decided_at = now
        planned.save(update_fields=["status", "decided_at"])
        return planned.status
