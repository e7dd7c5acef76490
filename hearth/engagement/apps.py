"""Engagement: privacy-respecting view counts and moderated comments on blog posts."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "hearth.engagement"
    label = "engagement"
    verbose_name = "Readers and comments"
