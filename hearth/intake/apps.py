"""Intake: the questions and documents a client answers and signs before the first session."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "hearth.intake"
    label = "intake"
    verbose_name = "Intake"
