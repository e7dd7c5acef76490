"""Small shared helpers used by every Hearth app."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hearth.core"
    label = "core"
    verbose_name = "Hearth core"
