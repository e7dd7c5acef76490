"""The retention run: delete what is past its use, and anonymise old bookings when the
practice asks for it. Run daily by the worker (tasks.py) or `manage.py apply_retention`.

- rate counters whose window has ended (the longest window is a day);
- request (idempotency) keys older than HEARTH_IDEMPOTENCY_HOURS;
- view-count visitor hashes of past days (the database cache; Redis expires its own);
- the text, HTML and attachments of sent emails (kind, recipient, subject and times stay);
- bookings that ended more than `Practice.anonymise_bookings_after_days` days ago, when set.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q

from hearth.core.models import IdempotencyKey
from hearth.core.ratelimit import purge_old_counters
from hearth.engagement.actions import CACHE_ALIAS
from hearth.engagement.visitors import purge_expired
from hearth.notifications.models import OutboxMessage, OutboxStatus
from hearth.practice.models import Practice

from .actions import anonymise_past_bookings, forget_freed_pages

LONGEST_RATE_WINDOW = dt.timedelta(days=1)


@dataclass(frozen=True)
class RetentionReport:
    rate_counters: int
    request_keys: int
    view_hashes: int
    email_bodies: int
    bookings_anonymised: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def clear_sent_bodies() -> int:
    """Empty the bodies of sent emails (they held live manage links); metadata stays."""
    return (
        OutboxMessage.objects.filter(status=OutboxStatus.SENT)
        .filter(~Q(text="") | ~Q(html=""))
        .update(text="", html="", attachments=[])
    )


def apply_retention(*, now: dt.datetime) -> RetentionReport:
    with transaction.atomic():
        counters = purge_old_counters(before=now - LONGEST_RATE_WINDOW)
        keys = IdempotencyKey.objects.filter(
            created_at__lt=now - dt.timedelta(hours=settings.HEARTH_IDEMPOTENCY_HOURS)
        ).delete()[0]
        bodies = clear_sent_bodies()
        days = Practice.load().anonymise_bookings_after_days
        anonymised = anonymise_past_bookings(days=days, now=now) if days else 0
    hashes = purge_expired(caches[CACHE_ALIAS])
    forget_freed_pages()
    return RetentionReport(counters, keys, hashes, bodies, anonymised)
