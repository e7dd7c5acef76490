"""The practitioner's feed token, each busy calendar's last good copy, and its busy blocks."""

from django.db import models
from django.db.models import Q

from hearth.practice.models import BusyCalendar, Practitioner


class CalendarFeed(models.Model):
    """A practitioner's private subscription address; only a hash of its token is stored."""

    practitioner = models.OneToOneField(
        Practitioner, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token.")
    created_at = models.DateTimeField()
    # Off: events are titled with the client's initials and the booking's reference, since
    # a subscribed calendar's host (and whoever shares the calendar) reads every title.
    full_names = models.BooleanField(
        default=False, help_text="Title events with clients' full names."
    )

    def __str__(self) -> str:
        return f"Feed of {self.practitioner}"


class FetchStatus(models.TextChoices):
    NEVER = "never", "Not fetched yet"
    OK = "ok", "OK"
    FAILED = "failed", "Failed"


class CalendarCopy(models.Model):
    """What Hearth last fetched from a busy calendar: the last good file and how fetching went.

    `body` is the last file that was read successfully; it is kept when a later fetch fails,
    and its busy blocks stay in force. `fetched_url` is the address it came from: blocks count
    only while it is still the calendar's address.
    """

    calendar = models.OneToOneField(BusyCalendar, on_delete=models.CASCADE, related_name="copy")
    status = models.CharField(max_length=8, choices=FetchStatus.choices, default=FetchStatus.NEVER)
    fetched_url = models.CharField(max_length=1000, blank=True)
    body = models.BinaryField(default=b"", editable=False)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    failures_in_a_row = models.PositiveIntegerField(default=0)
    block_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FetchStatus.values), name="calendar_copy_status_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.calendar}: {self.get_status_display()}"


class BusyBlock(models.Model):
    """Time taken in a practitioner's external calendar (aware UTC, no buffers)."""

    calendar = models.ForeignKey(
        BusyCalendar, on_delete=models.CASCADE, related_name="busy_blocks"
    )
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="busy_blocks"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        indexes = [
            models.Index(fields=["practitioner", "start"], name="busy_block_practitioner_start")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="busy_block_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}-{self.end:%H:%M} UTC"


class RefreshPlan(models.Model):
    """The one planned run of the refresh task (a single row), so runs never pile up."""

    next_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"next refresh at {self.next_run_at}"
