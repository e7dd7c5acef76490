"""Bookings: one-to-one appointments, their public flow and the JSON API."""

from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "hearth.bookings"
    label = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        # Registers the reminder builders with the outbox's planner.
        from django.contrib.auth.signals import user_logged_in

        from . import intake_reminder, notify  # noqa: F401
        from .admin_dashboard import remember_previous_visit

        # Before django.contrib.auth's ready() (INSTALLED_APPS order), so the receiver sees
        # last_login before it is updated for this sign-in.
        user_logged_in.connect(remember_previous_visit, dispatch_uid="hearth_previous_visit")
