"""Workshops: group events with sessions, capacity, registrations and a waitlist."""

from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "hearth.workshops"
    label = "workshops"
    verbose_name = "Workshops"
