"""Rights: what the practice holds about a person (export), forgetting them (erasure), and
the daily retention run that deletes what is past its use."""

from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "hearth.rights"
    label = "rights"
    verbose_name = "Privacy rights and retention"
