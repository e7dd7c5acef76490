"""The audit log: who changed what, when — never the content of a message."""

from django.db import models


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150, help_text='"client", "system" or a username.')
    action = models.CharField(max_length=60)  # e.g. booking.created
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        target = f"{self.object_type}#{self.object_id}"
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {target}"
