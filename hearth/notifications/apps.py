"""Messages to clients and practitioners: email rendering, calendar files, the outbox."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hearth.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)
