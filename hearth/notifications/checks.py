"""System check: the practice's own name, email address and sender name appear in every
message, so none may carry a word messages must never carry (DESIGN "What a message may
say")."""

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError

from hearth.practice.models import Practice

from .rendering import forbidden_words_in


@register()
def practice_identity_reveals_nothing(app_configs=None, **kwargs) -> list[Warning]:
    try:
        practice = Practice.objects.order_by("pk").first()
    except DatabaseError:  # not migrated yet: nothing to check
        return []
    shown = {
        "The practice's name": practice.name if practice else "",
        "The practice's email address": practice.email if practice else "",
        "HEARTH_EMAIL_SENDER_NAME": settings.HEARTH_EMAIL_SENDER_NAME,
    }
    return [
        Warning(
            f"{what} contains {', '.join(repr(word) for word in words)}, a word no message "
            "may carry: every email and calendar file shows it, and a shared inbox or "
            "calendar would reveal why someone sees the practice.",
            hint="Use a neutral name and address, such as your own name, in the practice's "
            "settings or the practice file.",
            id="hearth.notifications.W001",
        )
        for what, value in shown.items()
        if (words := forbidden_words_in(value))
    ]
