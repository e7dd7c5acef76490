"""Shared tables: counters for rate limits that work without a cache server."""

from django.db import models


class RateCounter(models.Model):
    """Hits of one key (a kind and a keyed hash, e.g. "book-ip:3f9a…") within one fixed window."""

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="rate_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.hits}"
