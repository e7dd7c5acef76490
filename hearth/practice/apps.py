"""The practice's people, licenses, hours and services."""

from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "hearth.practice"
    label = "practice"
    verbose_name = "Practice"
