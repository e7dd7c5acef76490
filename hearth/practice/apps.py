"""The practice's people, licenses, hours and services."""

from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "hearth.practice"
    label = "practice"
    verbose_name = "Practice"

    def ready(self) -> None:
        # Each process keeps the booking rules between requests (rules_cache.py); any save
        # or delete of the rows they come from drops them everywhere. A connected post_delete
        # also makes queryset.delete() send it for every row.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import models
        from .rules_cache import practice_rules_changed

        uid = "hearth-practice-rules"
        through = models.Service.practitioners.through
        for model in (
            models.Service,
            models.Practitioner,
            models.WeeklyWindow,
            models.DateOverride,
            models.License,
            through,
        ):
            label = model._meta.label_lower
            post_save.connect(practice_rules_changed, sender=model, dispatch_uid=f"{uid}-{label}")
            post_delete.connect(
                practice_rules_changed, sender=model, dispatch_uid=f"{uid}-{label}-del"
            )
        m2m_changed.connect(practice_rules_changed, sender=through, dispatch_uid=f"{uid}-m2m")
