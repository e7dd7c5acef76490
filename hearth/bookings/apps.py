"""Bookings: one-to-one appointments, their public flow and the JSON API."""

from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "hearth.bookings"
    label = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        # Registers the reminder builder with the outbox's planner.
        from . import notify  # noqa: F401
