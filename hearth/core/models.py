"""Shared tables: counters for rate limits that work without a cache server, and the
clients' request keys that make a booking or registration request safe to repeat."""

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


class IdempotencyKey(models.Model):
    """A client's key for one request in a scope ("booking", "registration"): a repeat
    with the same fields answers with the same row (`target_id`), in that scope's table."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request's fields.")
    target_id = models.BigIntegerField(
        null=True, help_text="The id of the row the request made, once it is written."
    )
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"
