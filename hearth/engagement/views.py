"""Public endpoints: the view-count beacon and the comment form's target."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from hearth.core.ratelimit import hashed_key, hit_within_limit, limited_address

from . import actions, queries, visitors
from .forms import CommentForm

logger = logging.getLogger(__name__)
RATE_WINDOW = dt.timedelta(hours=1)


def _json(status: int, **body) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # served from cached pages without a token; it only counts, once per visitor
@never_cache
def view_beacon(request: HttpRequest, page_id: str) -> HttpResponse:
    """POST: count this visit (unless not counted, see visitors); answer the figure to show."""
    if request.method != "POST":
        return _json(405, code="method_not_allowed", detail="Send a POST.")
    post = queries.live_post(int(page_id))
    if post is None:
        return _json(404, code="not_found", detail="No such post.")
    reason = visitors.not_counted_because(request)
    counted = False
    if not reason:
        try:
            with transaction.atomic():  # a failure rolls back to here, not the request
                counted = actions.record_view(
                    page_id=post.pk,
                    fingerprint=lambda salt: visitors.visitor_hash(
                        salt=salt, page_id=post.pk, request=request
                    ),
                    now=timezone.now(),
                )
        except Exception:  # a counting failure must never break the reader's page
            logger.exception("view count failed for page %s", post.pk)
            reason = "error"
    shown = queries.engagement_settings().show_view_counts
    return _json(
        200,
        views=queries.view_figure(post) if shown else None,
        counted=counted,
        reason=reason or None,
    )


def _ip_key(request: HttpRequest) -> str:
    # Only a keyed hash of the address is kept in the rate counter.
    return hashed_key("comment-ip", limited_address(request))


@never_cache
def post_comment(request: HttpRequest, page_id: str) -> HttpResponse:
    post = queries.live_post(int(page_id))
    if post is None:
        return render(
            request, "engagement/comment_refused.html", {"reason": "missing"}, status=404
        )
    if request.method != "POST":
        return redirect(post.url + "#comments")
    state = queries.comments_state(
        post, today=queries.local_today(), settings=queries.engagement_settings()
    )
    if state != queries.OPEN:
        return _closed(request, post)
    form = CommentForm(request.POST, address=limited_address(request))
    if not form.is_valid():
        context = post.get_context(request) | {"comment_form": form}
        return TemplateResponse(request, post.get_template(request), context, status=400)
    allowed = hit_within_limit(
        key=_ip_key(request),
        limit=settings.HEARTH_COMMENT_RATE_LIMIT_PER_IP,
        window=RATE_WINDOW,
        now=timezone.now(),
    )
    if not allowed:
        return render(
            request,
            "engagement/comment_refused.html",
            {"reason": "limited", "post": post},
            status=429,
        )
    try:
        comment = actions.submit_comment(
            post=post,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            now=timezone.now(),
        )
    except actions.CommentsClosed:
        return _closed(request, post)
    return render(request, "engagement/comment_sent.html", {"post": post, "comment": comment})


def _closed(request: HttpRequest, post) -> HttpResponse:
    return render(
        request,
        "engagement/comment_refused.html",
        {"reason": "closed", "post": post},
        status=403,
    )
