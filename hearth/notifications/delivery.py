"""Delivering outbox rows: claim, send over SMTP (or whatever EMAIL_BACKEND is), mark.

A claim counts the attempt and moves `next_attempt_at` past the backoff in its
own short transaction, before sending: a worker that dies mid-send leaves the
row pending and due again after the backoff, so nothing is lost and a message
is sent at most once more (with the same Message-ID, which mail clients use to
drop the duplicate). No transaction is held open during SMTP.
"""

import datetime as dt
import logging
import re
from email.mime.text import MIMEText
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction

from .models import MAX_ATTEMPTS, OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)
BATCH = 100


def backoff(attempts: int) -> dt.timedelta:
    """Wait after the n-th attempt: 1, 2, 4, 8, 16, then 30 minutes."""
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 30))


def sender() -> str:
    """DEFAULT_FROM_EMAIL, with HEARTH_EMAIL_SENDER_NAME as its display name when set."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((settings.HEARTH_EMAIL_SENDER_NAME or name, address))


def claim(*, now: dt.datetime, ids: list[int] | None = None, limit: int = BATCH) -> list:
    """Due pending rows (of `ids` if given), each with one more attempt counted."""
    with transaction.atomic():
        rows = OutboxMessage.objects.select_for_update(skip_locked=True).due(now)
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        claimed = list(rows.order_by("next_attempt_at", "pk")[:limit])
        live = []
        for row in claimed:
            if row.attempts >= MAX_ATTEMPTS:  # died mid-send on its last attempt
                row.status = OutboxStatus.DEAD
                row.last_error = row.last_error or "The worker stopped while sending."
            else:
                row.attempts += 1
                row.next_attempt_at = now + backoff(row.attempts)
                live.append(row)
        OutboxMessage.objects.bulk_update(
            claimed, ["status", "attempts", "next_attempt_at", "last_error"]
        )
    return live


def as_email(row: OutboxMessage, connection=None) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text,
        from_email=sender(),
        to=[row.recipient],
        reply_to=[row.reply_to] if row.reply_to else None,
        headers={"Message-ID": row.message_id},
        connection=connection,
    )
    if row.html:
        email.attach_alternative(row.html, "text/html")
    for attachment in row.attachments:
        _main, _, rest = attachment["mimetype"].partition("/")
        subtype, *params = [part.strip() for part in rest.split(";")]
        part = MIMEText(attachment["content"], subtype, "utf-8")
        for param in params:
            key, _, value = param.partition("=")
            part.set_param(key, value)
        part.add_header("Content-Disposition", "attachment", filename=attachment["filename"])
        email.attach(part)
    return email


# Anything shaped like an email address, taken out of errors before they are kept.
EMAIL_ADDRESS = re.compile(r"[^\s<>()\[\]{}'\",;:]+@[^\s<>()\[\]{}'\",;:]+")


def send_claimed(rows: list[OutboxMessage], *, now: dt.datetime) -> tuple[int, int]:
    """Send claimed rows over one connection; returns (sent, failed)."""
    sent = failed = 0
    if not rows:
        return sent, failed
    connection = get_connection(fail_silently=False)
    try:
        for row in rows:
            try:
                as_email(row, connection).send()
            except Exception as error:
                failed += 1
                _failed(row, error)
                connection.close()  # a broken session must not poison the next message
            else:
                sent += 1
                OutboxMessage.objects.filter(pk=row.pk, status=OutboxStatus.PENDING).update(
                    status=OutboxStatus.SENT, sent_at=now, last_error=""
                )
    finally:
        connection.close()
    return sent, failed


def _failed(row: OutboxMessage, error: Exception) -> None:
    text = EMAIL_ADDRESS.sub("[address]", f"{type(error).__name__}: {error}")[:2000]
    dead = row.attempts >= MAX_ATTEMPTS
    # The log names the message and the kind of failure only: an SMTP server's answer may
    # repeat the recipient's address, and logs travel further than the database.
    code = getattr(error, "smtp_code", None)
    logger.warning(
        "Sending %s failed (attempt %s): %s%s",
        row.message_id,
        row.attempts,
        type(error).__name__,
        f" {code}" if code else "",
    )
    OutboxMessage.objects.filter(pk=row.pk, status=OutboxStatus.PENDING).update(
        last_error=text, status=OutboxStatus.DEAD if dead else OutboxStatus.PENDING
    )


def deliver(*, now: dt.datetime, ids: list[int] | None = None) -> tuple[int, int]:
    """Deliver what is due (of `ids` if given), batch after batch. Returns (sent, failed)."""
    total_sent = total_failed = 0
    while True:
        rows = claim(now=now, ids=ids)
        sent, failed = send_claimed(rows, now=now)
        total_sent, total_failed = total_sent + sent, total_failed + failed
        if len(rows) < BATCH or ids is not None:
            return total_sent, total_failed
