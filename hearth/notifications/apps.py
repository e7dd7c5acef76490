"""Messages to clients and practitioners: email rendering, calendar files, the outbox."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hearth.notifications"
    label = "notifications"
    verbose_name = "Notifications"
