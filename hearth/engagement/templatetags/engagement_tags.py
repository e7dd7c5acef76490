"""The engagement block of a post: figures, published comments and the comment form."""

from django import template
from django.urls import reverse

from hearth.core.formguard import shown_stamp

from .. import queries
from ..forms import FORM_SALT, CommentForm

register = template.Library()


@register.inclusion_tag("engagement/post_engagement.html", takes_context=True)
def post_engagement(context, post):
    """Everything below a post. The view figure is filled in by the beacon's answer."""
    request = context["request"]
    settings = queries.engagement_settings()
    state = queries.comments_state(post, today=queries.local_today(), settings=settings)
    form = context.get("comment_form")
    if form is None and state == queries.OPEN:
        form = CommentForm(initial={"shown": shown_stamp(salt=FORM_SALT)})
    elif form is not None and "shown" in form.errors:
        # A fresh stamp, so that the corrected form is not refused as expired again.
        form.data = form.data.copy()
        form.data["shown"] = shown_stamp(salt=FORM_SALT)
    comment_count = queries.published_count(post)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "post": post,
        "state": state,
        "form": form if state == queries.OPEN else None,
        "comments": queries.published_comments(post) if comment_count else [],
        "comment_count": comment_count,
        "close_after_days": settings.close_after_days,
        "show_views": settings.show_view_counts,
        "count_views": not getattr(request, "is_preview", False),
        "beacon_url": reverse("engagement:beacon", args=[post.pk]),
        "comment_url": reverse("engagement:comment", args=[post.pk]),
    }
