"""`{% retention_policy %}`: the privacy notice's statement of the retention in force."""

from django import template
from django.conf import settings

from hearth.practice.models import Practice

register = template.Library()


@register.inclusion_tag("rights/retention_policy.html")
def retention_policy() -> dict:
    practice = Practice.load()
    return {
        "booking_days": practice.anonymise_bookings_after_days,
        "request_key_hours": settings.HEARTH_IDEMPOTENCY_HOURS,
        "practice_email": practice.email,
    }
