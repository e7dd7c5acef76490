"""Demo readers' activity: comments switched on for some posts, a few comments, view figures."""

import datetime as dt

from django.utils import timezone

from .models import Comment, CommentStatus, EngagementSettings
from .text import count_links, render_comment

# (post slug, starting figure, comments on?)
POSTS = {
    "when-the-one-being-hurt-is-a-man": (212, False),
    "the-quiet-work-of-men-who-care-for-others": (96, True),
    "shame-and-the-courage-to-be-seen": (41, True),
}

COMMENTS = [
    (
        "the-quiet-work-of-men-who-care-for-others",
        "Dan",
        "Three years of looking after my dad. The part about guilt hit home.\n\n"
        "Thank you for writing this.",
        "Thank you, Dan. Three years is a long stretch; I hope you find some rest in it too.",
    ),
    (
        "shame-and-the-courage-to-be-seen",
        "M.",
        "That first honest sentence really is the hardest step.",
        "",
    ),
]


def build_demo_engagement(*, posts: dict, author_name: str, author_user=None) -> None:
    """Turn comments on, set starting figures and add our own demo comments (new installs)."""
    settings = EngagementSettings.load()
    settings.comments_enabled = True
    settings.save()
    now = timezone.now()
    for slug, (starting, comments_on) in POSTS.items():
        post = posts.get(slug)
        if post is None:
            continue
        post.views_starting_figure = starting
        post.comments_enabled = comments_on
        post.save_revision().publish()
    for hours, (slug, name, text, reply) in enumerate(COMMENTS):
        post = posts.get(slug)
        if post is None:
            continue
        when = now - dt.timedelta(days=2, hours=hours)
        comment = _approved(post=post, name=name, text=text, when=when)
        if reply:
            _approved(
                post=post,
                name=author_name,
                text=reply,
                when=when + dt.timedelta(hours=3),
                parent=comment,
                by_author=True,
                user=author_user,
            )


def _approved(*, post, name, text, when, parent=None, by_author=False, user=None) -> Comment:
    return Comment.objects.create(
        page_id=post.pk,
        parent=parent,
        name=name,
        body=text,
        body_html=render_comment(text),
        link_count=count_links(text),
        status=CommentStatus.APPROVED,
        by_author=by_author,
        user=user,
        created_at=when,
        moderated_at=when,
    )
