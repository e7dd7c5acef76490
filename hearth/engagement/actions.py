"""Writes: counting a view, taking a comment, moderating, and the practice's replies."""

import datetime as dt

from django.apps import apps
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from hearth.core.errors import Refused
from hearth.privacy.actions import record_audit

from . import notify, queries, visitors
from .models import Comment, CommentStatus, DailyViews
from .readers import ReadersMixin
from .text import count_links, render_comment

CACHE_ALIAS = "engagement"


class CommentsClosed(Refused):
    """The post does not take comments now (a switch is off, or it is too old)."""

    code = "closed"
    status = 403


class UnknownModeration(ValueError):
    """A moderation action that does not exist."""


def record_view(*, page_id: int, fingerprint, now: dt.datetime) -> bool:
    """Count one visit of a post; True when it was this visitor's first today.

    `fingerprint(salt)` returns the visitor's hash for the day's salt: only that
    hash is kept, in the engagement cache, until the end of the practice's day.
    """
    cache = caches[CACHE_ALIAS]
    zone = queries.practice_zoneinfo()
    day = now.astimezone(zone).date()
    timeout = visitors.seconds_left_in_day(now, zone)
    salt = visitors.day_salt(cache=cache, day=day, timeout=timeout)
    visitor = fingerprint(salt)
    if not visitors.first_visit_today(cache=cache, day=day, visitor=visitor, timeout=timeout):
        return False
    _add_view(page_id=page_id, day=day)
    return True


def _add_view(*, page_id: int, day: dt.date) -> None:
    with transaction.atomic():
        rows = DailyViews.objects.filter(page_id=page_id, day=day)
        if rows.update(views=F("views") + 1):
            return
        try:
            with transaction.atomic():
                DailyViews.objects.create(page_id=page_id, day=day, views=1)
        except IntegrityError:  # another worker created the day's row first
            rows.update(views=F("views") + 1)


def submit_comment(
    *, post: ReadersMixin, name: str, email: str, body: str, now: dt.datetime
) -> Comment:
    """Store a reader's comment: pending, or approved for a returning commenter.

    `name` and `body` are already cleaned (forms.CommentForm). Raises
    CommentsClosed when the post does not take comments.
    """
    settings = queries.engagement_settings()
    today = now.astimezone(queries.practice_zoneinfo()).date()
    if queries.comments_state(post, today=today, settings=settings) != queries.OPEN:
        raise CommentsClosed("This post does not take comments now.")
    links = count_links(body)
    auto_approved = (
        settings.auto_approve_returning
        and links <= settings.max_links_for_auto_approval
        and queries.is_returning_commenter(name=name, email=email)
    )
    with transaction.atomic():
        comment = Comment.objects.create(
            page_id=post.pk,
            name=name,
            email=email,
            body=body,
            body_html=render_comment(body),
            link_count=links,
            status=CommentStatus.APPROVED if auto_approved else CommentStatus.PENDING,
            created_at=now,
            moderated_at=now if auto_approved else None,
        )
        notify.tell_practice_of_comment(comment=comment, post=post, now=now)
        if auto_approved:
            pages_changed()
    return comment


def pages_changed(**_signal_kwargs) -> None:
    """Published comments or settings changed: empty the whole-page cache after commit.

    Posts with an open comment form are never in the page cache, but a closed post
    still shows its comments and every post shows the comments switch.
    """
    if apps.is_installed("wagtailcache"):
        from wagtailcache.cache import clear_cache

        transaction.on_commit(clear_cache)


MODERATION = {
    "approve": CommentStatus.APPROVED,
    "reject": CommentStatus.REJECTED,
    "spam": CommentStatus.SPAM,
    "pending": CommentStatus.PENDING,
}


def moderate_comments(*, comment_ids: list[int], action: str, actor: str, now: dt.datetime) -> int:
    """Approve, reject, mark as spam, put back in the queue, or delete; returns how many.

    Each chosen comment gets an audit entry naming `actor` (the moderator's username).
    """
    if action != "delete" and action not in MODERATION:
        raise UnknownModeration(action)
    with transaction.atomic():
        comments = Comment.objects.filter(pk__in=comment_ids)
        for comment in comments.only("pk").order_by("pk"):
            if action == "delete":
                record_audit(actor=actor, action="comment.deleted", target=comment)
            else:
                status = str(MODERATION[action])
                record_audit(
                    actor=actor, action="comment.moderated", target=comment, status=status
                )
        if action == "delete":
            changed = comments.delete()[1].get("engagement.Comment", 0)
        else:
            changed = comments.update(status=MODERATION[action], moderated_at=now)
        pages_changed()
        return changed


def reply_as_author(*, parent: Comment, author_name: str, user, body: str, now: dt.datetime):
    """The practice's reply, published at once and marked as the author's.

    Replying to a waiting comment approves it too. `body` is already cleaned.
    """
    root = parent.parent or parent
    actor = user.get_username()
    with transaction.atomic():
        if root.status != CommentStatus.APPROVED:
            root.status, root.moderated_at = CommentStatus.APPROVED, now
            root.save(update_fields=["status", "moderated_at"])
            status = str(CommentStatus.APPROVED)
            record_audit(actor=actor, action="comment.moderated", target=root, status=status)
        pages_changed()
        reply = Comment.objects.create(
            page_id=root.page_id,
            parent=root,
            name=author_name,
            body=body,
            body_html=render_comment(body),
            link_count=count_links(body),
            status=CommentStatus.APPROVED,
            by_author=True,
            user=user,
            created_at=now,
            moderated_at=now,
        )
        record_audit(actor=actor, action="comment.replied", target=reply, parent=root.pk)
        return reply
