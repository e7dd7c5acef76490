"""Privacy: the audit log (and, later, consent records, export and erasure)."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "hearth.privacy"
    label = "privacy"
    verbose_name = "Privacy"
