"""The public site's Wagtail pages."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "hearth.content"
    label = "content"
    verbose_name = "Site content"
