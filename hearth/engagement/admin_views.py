"""Admin views: the comment queue with bulk moderation, and replying as the practice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.permission_policies import ModelPermissionPolicy

from . import actions, queries
from .forms import ReplyForm
from .models import Comment, CommentStatus

PER_PAGE = 50
ACTION_LABELS = {
    "approve": "approved",
    "reject": "rejected",
    "spam": "marked as spam",
    "pending": "put back in the queue",
    "delete": "deleted",
}


permission_policy = ModelPermissionPolicy(Comment)


def _require_moderator(request) -> None:
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied


def _page_id(request) -> int | None:
    value = request.GET.get("page", "") or request.POST.get("page", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def queue(request):
    _require_moderator(request)
    status = request.GET.get("status", CommentStatus.PENDING)
    if status not in queries.STATUSES:
        status = CommentStatus.PENDING
    page_id = _page_id(request)
    comments = Paginator(queries.comments_with_status(status, page_id), PER_PAGE).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "engagement/admin/queue.html",
        {
            "comments": comments,
            "status": status,
            "statuses": CommentStatus.choices,
            "page_id": page_id,
            "actions": ACTION_LABELS,
        },
    )


@require_POST
def bulk(request):
    _require_moderator(request)
    action = request.POST.get("action", "")
    ids = [int(value) for value in request.POST.getlist("comment") if value.isdigit()][:1000]
    back = request.POST.get("next", "")
    back = back if back.startswith(reverse("engagement_admin:queue")) else None
    if action not in ACTION_LABELS:
        messages.error(request, "Choose what to do with the selected comments.")
    elif not ids:
        messages.error(request, "Tick at least one comment first.")
    else:
        done = actions.moderate_comments(
            comment_ids=ids, action=action, actor=request.user.get_username(), now=timezone.now()
        )
        messages.success(
            request, f"{done} comment{'s' if done != 1 else ''} {ACTION_LABELS[action]}."
        )
    return redirect(back or reverse("engagement_admin:queue"))


def detail(request, comment_id: int):
    _require_moderator(request)
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=comment_id)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reply = actions.reply_as_author(
            parent=comment,
            author_name=_author_name(request.user),
            user=request.user,
            body=form.cleaned_data["body"],
            now=timezone.now(),
        )
        messages.success(request, "Your reply is published.")
        return redirect(reverse("engagement_admin:detail", args=[reply.parent_id]))
    return TemplateResponse(
        request,
        "engagement/admin/detail.html",
        {
            "comment": comment,
            "form": form,
            "actions": ACTION_LABELS,
            "replies": comment.replies.order_by("created_at", "pk"),
        },
    )


def _author_name(user) -> str:
    practitioner = getattr(user, "practitioner", None)
    if practitioner is not None:
        return practitioner.name
    return user.get_full_name() or user.get_username()
