"""Tell the practice of a new comment: an email through the outbox (the dashboard lists them too).

The email carries no comment text and no post title: either may hold what a reader shared.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse

from hearth.notifications.actions import queue_email
from hearth.notifications.rendering import render_email
from hearth.practice.models import Practice

from .models import Comment, CommentStatus
from .readers import ReadersMixin


def practice_address(post: ReadersMixin) -> tuple[str, str]:
    """(email, first name) of whom to tell: the post's author, else the practice."""
    practice = Practice.load()
    author = post.readers_author()
    if author is not None and author.email:
        return author.email, author.name.split()[0]
    return practice.email, practice.name


def tell_practice_of_comment(*, comment: Comment, post: ReadersMixin, now: dt.datetime):
    """Queue the email inside the caller's transaction; None when there is nobody to tell."""
    recipient, first_name = practice_address(post)
    if not recipient:
        return None
    rendered = render_email(
        "engagement/email/new_comment",
        {
            "first_name": first_name,
            "published": comment.status == CommentStatus.APPROVED,
            "admin_url": settings.HEARTH_SITE_URL
            + reverse("engagement_admin:detail", args=[comment.pk]),
            "practice_name": Practice.load().name,
        },
    )
    return queue_email(
        to=recipient,
        subject=rendered.subject,
        text=rendered.text,
        kind="engagement.comment",
        now=now,
        related=comment,
    )
