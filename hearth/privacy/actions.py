"""Writes of the privacy app: recording audit entries (inside the caller's transaction)."""

from django.db import models

from .models import AuditEntry


def record_audit(*, actor: str, action: str, target: models.Model, **detail: object) -> AuditEntry:
    """Record one state change; callers pass no free text from clients."""
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        detail=detail,
    )
