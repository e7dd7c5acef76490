"""The one-row plan of the daily retention run (see tasks.py)."""

from django.db import models


class RetentionPlan(models.Model):
    """When the next retention run is planned, and when the last one finished."""

    next_run_at = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"retention: next {self.next_run_at}, last {self.last_run_at}"
