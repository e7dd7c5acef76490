"""Engagement: privacy-respecting view counts and moderated comments on blog posts."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "hearth.engagement"
    label = "engagement"
    verbose_name = "Readers and comments"

    def ready(self) -> None:
        # Wiring, not logic: the switches shown on every post live in these settings.
        from django.db.models.signals import post_save

        from . import checks  # noqa: F401  (registers the system check)
        from .actions import pages_changed
        from .models import EngagementSettings

        post_save.connect(
            pages_changed, sender=EngagementSettings, dispatch_uid="engagement-settings-purge"
        )
