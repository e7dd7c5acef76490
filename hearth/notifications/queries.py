"""Reads of the outbox for the admin."""

import datetime as dt
from dataclasses import dataclass

from hearth.practice.models import Practice

from .models import OutboxMessage, OutboxStatus

# A pending message this late means no worker is running (or it cannot keep up).
STALE_AFTER = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class OutboxHealth:
    dead: int
    stuck: int  # pending and overdue by more than STALE_AFTER, never tried
    video_link_missing: bool

    @property
    def needs_attention(self) -> bool:
        return bool(self.dead or self.stuck or self.video_link_missing)


def outbox_health(*, now: dt.datetime) -> OutboxHealth:
    return OutboxHealth(
        dead=OutboxMessage.objects.dead().count(),
        stuck=OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at__lt=now - STALE_AFTER
        ).count(),
        video_link_missing=not Practice.load().video_link_template,
    )


@dataclass(frozen=True)
class OutboxBacklog:
    overdue: int  # pending and due for longer than the allowed wait, tried or not
    failed: int  # gave up after every attempt: they wait for a retry in the admin


def outbox_backlog(*, now: dt.datetime, overdue_after: dt.timedelta) -> OutboxBacklog:
    """Two indexed counts (status, next_attempt_at), for /healthz and deploy_check."""
    return OutboxBacklog(
        overdue=OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, next_attempt_at__lt=now - overdue_after
        ).count(),
        failed=OutboxMessage.objects.dead().count(),
    )
