"""Calendars: the practitioner's private booking feed and external busy calendars."""

from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "hearth.calendars"
    label = "calendars"
    verbose_name = "Calendars"
    default_auto_field = "django.db.models.BigAutoField"
