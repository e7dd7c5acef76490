"""Reads: view figures, views per day for the charts, comments and whether a post takes them."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.db.models import Prefetch, Sum
from django.utils import timezone
from wagtail.models import Page

from hearth.practice.models import Practice

from .models import Comment, CommentStatus, DailyViews, EngagementSettings
from .readers import ReadersMixin

OPEN, OFF, CLOSED = "open", "off", "closed"


def practice_zoneinfo() -> zoneinfo.ZoneInfo:
    """The practice's time zone; UTC when the stored name is unknown."""
    try:
        return zoneinfo.ZoneInfo(Practice.load().timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_today() -> dt.date:
    return timezone.now().astimezone(practice_zoneinfo()).date()


def engagement_settings() -> EngagementSettings:
    """The site-wide readers and comments settings (Settings → Readers and comments)."""
    return EngagementSettings.load()


def live_post(page_id: int) -> ReadersMixin | None:
    """The live, public page with readers (a ReadersMixin page type), as its specific type."""
    pages = Page.objects.live().public().type(ReadersMixin).filter(pk=page_id)
    return pages.specific().first()


def view_figure(post: ReadersMixin) -> int:
    """The figure shown on a post: its starting figure plus every day's unique visitors."""
    total = DailyViews.objects.filter(page_id=post.pk).aggregate(total=Sum("views"))["total"]
    return post.views_starting_figure + (total or 0)


@dataclass(frozen=True)
class DayViews:
    day: dt.date
    views: int


def views_per_day(*, last_day: dt.date, days: int = 90, page_id: int | None = None):
    """One entry per day, oldest first, ending on `last_day`; days without views are 0."""
    first_day = last_day - dt.timedelta(days=days - 1)
    rows = DailyViews.objects.filter(day__gte=first_day, day__lte=last_day)
    if page_id is not None:
        rows = rows.filter(page_id=page_id)
    totals = dict(rows.values("day").annotate(total=Sum("views")).values_list("day", "total"))
    return [
        DayViews(day, totals.get(day, 0))
        for day in (first_day + dt.timedelta(days=n) for n in range(days))
    ]


def comments_state(post: ReadersMixin, *, today: dt.date, settings: EngagementSettings) -> str:
    """OPEN, OFF (a switch is off) or CLOSED (older than the setting allows)."""
    if not (settings.comments_enabled and post.comments_enabled):
        return OFF
    if settings.close_after_days and today > post.readers_published_on() + dt.timedelta(
        days=settings.close_after_days
    ):
        return CLOSED
    return OPEN


def published_comments(post: ReadersMixin):
    """Approved comments on a post, oldest first, each with its approved replies."""
    replies = Comment.objects.approved().order_by("created_at", "pk")
    return (
        Comment.objects.approved()
        .filter(page_id=post.pk, parent__isnull=True)
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="published_replies"))
    )


def published_count(post: ReadersMixin) -> int:
    return Comment.objects.approved().filter(page_id=post.pk).count()


def is_returning_commenter(*, name: str, email: str) -> bool:
    if not email:
        return False
    return (
        Comment.objects.approved()
        .filter(name__iexact=name, email__iexact=email, by_author=False)
        .exists()
    )


def pending_comments():
    return Comment.objects.pending().order_by("-created_at", "-pk")


def comments_with_status(status: str, page_id: int | None = None):
    comments = Comment.objects.filter(status=status)
    if page_id is not None:
        comments = comments.filter(page_id=page_id)
    return comments.select_related("page", "parent").order_by("-created_at", "-pk")


STATUSES = [choice for choice, _ in CommentStatus.choices]


def takes_comments_now(post: ReadersMixin) -> bool:
    return comments_state(post, today=local_today(), settings=engagement_settings()) == OPEN
