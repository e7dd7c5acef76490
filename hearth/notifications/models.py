"""The outbox: every message to send is a row first, written in the transaction of the change
that caused it, and delivered after commit (at least once, with a stable Message-ID)."""

from django.db import models
from django.db.models import Q

# After this many failed attempts a message is dead: the admin shows it and can retry it.
MAX_ATTEMPTS = 8


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    DEAD = "dead", "Failed (gave up)"


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now) -> "OutboxMessageQuerySet":
        return self.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)

    def dead(self) -> "OutboxMessageQuerySet":
        return self.filter(status=OutboxStatus.DEAD)


class OutboxMessage(models.Model):
    """One email to one recipient. Attachments are text parts: a list of
    {"filename", "mimetype", "content"} (e.g. an .ics)."""

    message_id = models.CharField(max_length=200, unique=True, help_text="The Message-ID header.")
    kind = models.CharField(max_length=60, help_text='What it is, e.g. "booking.confirmed".')
    recipient = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    reply_to = models.EmailField(max_length=254, blank=True)
    related_type = models.CharField(
        max_length=60, blank=True, help_text='E.g. "bookings.booking".'
    )
    related_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(help_text="Not tried before this time.")
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OutboxStatus.values), name="outbox_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient} ({self.status})"


class PlannedStatus(models.TextChoices):
    PENDING = "pending", "Planned"
    QUEUED = "queued", "Queued"
    SKIPPED = "skipped", "Not needed"


class PlannedMessage(models.Model):
    """A message decided later (a reminder): when due, the builder registered for its kind
    looks at the related object as it then is and queues messages, or none."""

    kind = models.CharField(max_length=60)
    related_type = models.CharField(max_length=60)
    related_id = models.BigIntegerField()
    planned_for = models.DateTimeField(help_text="The time of the event it is about.")
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=PlannedStatus.choices, default=PlannedStatus.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="planned_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.related_type}#{self.related_id} at {self.due_at:%Y-%m-%d %H:%M}"


class SweeperState(models.Model):
    """Which chain of self-re-enqueuing sweeper tasks is the live one, and when it last ran.

    `beat_at` is also set when a worker starts a chain (before any task ran); `swept_at` only
    when a sweep finished in a worker, so it is the worker's heartbeat (/healthz reads it)."""

    name = models.CharField(max_length=40, unique=True)
    chain = models.CharField(max_length=40)
    beat_at = models.DateTimeField()
    swept_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker last finished a sweep."
    )

    def __str__(self) -> str:
        return f"{self.name} {self.chain} {self.beat_at:%Y-%m-%d %H:%M:%S}"
