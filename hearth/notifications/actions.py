"""Writes of the outbox: queue an email, plan a later one, retry a dead one.

Call these inside the transaction of the change that causes the message: the
rows commit or roll back with it, and delivery is enqueued only after commit.
"""

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.db import models, transaction

from hearth.core.errors import Refused

from .models import OutboxMessage, OutboxStatus, PlannedMessage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """A text attachment, e.g. `Attachment("invite.ics", ics, "text/calendar; method=REQUEST")`."""

    filename: str
    content: str
    mimetype: str = "text/calendar"


class NotAllowed(Refused):
    """The message may not be queued (e.g. a dead message is required for a retry)."""

    code = "not_allowed"
    status = 409


def new_message_id() -> str:
    """A stable, globally unique Message-ID, fixed when the row is written."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "hearth.invalid"
    return f"<{uuid.uuid4().hex}@{domain}>"


def _related(related: models.Model | tuple[str, int] | None) -> tuple[str, int | None]:
    if related is None:
        return "", None
    if isinstance(related, models.Model):
        return related._meta.label_lower, related.pk
    return related[0], related[1]


def queue_email(
    *,
    to: str,
    subject: str,
    text: str,
    kind: str,
    now: dt.datetime,
    html: str = "",
    attachments: Iterable[Attachment] = (),
    related: models.Model | tuple[str, int] | None = None,
    reply_to: str = "",
) -> OutboxMessage:
    """Write one email to the outbox and have it delivered after the surrounding commit."""
    related_type, related_id = _related(related)
    message = OutboxMessage.objects.create(
        message_id=new_message_id(),
        kind=kind,
        recipient=to,
        subject=" ".join(subject.split()),
        text=text,
        html=html,
        reply_to=reply_to,
        related_type=related_type,
        related_id=related_id,
        next_attempt_at=now,
        created_at=now,
        attachments=[
            {"filename": a.filename, "mimetype": a.mimetype, "content": a.content}
            for a in attachments
        ],
    )
    transaction.on_commit(lambda: enqueue_delivery([message.pk]))
    return message


def enqueue_delivery(message_ids: list[int]) -> None:
    """Hand rows to the task backend; if it is down, the sweeper sends them later."""
    from .tasks import deliver_messages

    try:
        deliver_messages.enqueue(message_ids)
    except Exception:
        logger.exception("Could not enqueue delivery of %s; the sweeper will.", message_ids)


def plan_message(
    *,
    kind: str,
    related: models.Model | tuple[str, int],
    planned_for: dt.datetime,
    due_at: dt.datetime,
) -> PlannedMessage:
    """Plan a message decided at `due_at` by the builder registered for `kind`
    (see `planning.register`); the builder may decide to send nothing."""
    related_type, related_id = _related(related)
    return PlannedMessage.objects.create(
        kind=kind,
        related_type=related_type,
        related_id=related_id,
        planned_for=planned_for,
        due_at=due_at,
    )


def retry_message(*, message: OutboxMessage, now: dt.datetime) -> OutboxMessage:
    """Give a dead message a fresh set of attempts (from the admin)."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if message.status != OutboxStatus.DEAD:
            raise NotAllowed("Only a message that failed can be retried.")
        message.status = OutboxStatus.PENDING
        message.attempts = 0
        message.next_attempt_at = now
        message.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(lambda: enqueue_delivery([message.pk]))
    return message
