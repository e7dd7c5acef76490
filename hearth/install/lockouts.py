"""Sign-in lockouts (django-axes): which accounts and addresses are locked, and lifting one."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from hearth.privacy.actions import record_audit


def locked_attempts() -> QuerySet[AccessAttempt]:
    """Attempts whose account or address has reached the failure limit, newest first."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).order_by("-attempt_time")


def lift_lockout(*, attempt: AccessAttempt, actor: str) -> None:
    """Forget every failed sign-in of the attempt's account and of its address."""
    with transaction.atomic():
        record_audit(actor=actor, action="account.lockout_lifted", target=attempt)
        if attempt.username:
            reset(username=attempt.username)
        if attempt.ip_address:
            reset(ip=attempt.ip_address)
