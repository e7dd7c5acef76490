"""Admin: the outbox (status of every message, retry a failed one) and a dashboard warning."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from .actions import NotAllowed, retry_message
from .models import OutboxMessage
from .queries import outbox_health


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = "Messages"
    menu_order = 160
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["created_at", "kind", "recipient", "status", "attempts", "next_attempt_at",
                    "last_error"]  # fmt: skip
    list_filter = {"status": ["exact"], "kind": ["exact"]}
    search_fields = ["recipient", "subject", "message_id"]
    ordering = ["-created_at"]
    inspect_view_fields = ["message_id", "kind", "recipient", "subject", "status", "attempts",
                           "next_attempt_at", "last_error", "created_at", "sent_at",
                           "related_type", "related_id", "text"]  # fmt: skip
    form_fields = ["status"]  # required by ModelViewSet; the edit view is not routed

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect"}
        patterns = [p for p in super().get_urlpatterns() if p.name in kept]
        return [*patterns, path("retry/<int:pk>/", self.retry_view, name="retry")]

    def retry_view(self, request, pk):
        if not request.user.has_perm("notifications.change_outboxmessage"):
            raise PermissionDenied
        message = get_object_or_404(OutboxMessage, pk=pk)
        if request.method == "POST":
            try:
                retry_message(message=message, now=timezone.now())
            except NotAllowed as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"Sending again to {message.recipient}.")
            return redirect(self.get_url_name("index"))
        return TemplateResponse(request, "notifications/admin/retry.html",
                                {"message": message, "view": self})  # fmt: skip


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("outbox_admin")


class OutboxHealthPanel(Component):
    order = 40
    template_name = "notifications/admin/health_panel.html"

    def get_context_data(self, parent_context=None):
        return {"health": outbox_health(now=timezone.now())}

    def render_html(self, parent_context=None):
        if not self.get_context_data()["health"].needs_attention:
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_outbox_health(request, panels):
    panels.append(OutboxHealthPanel())
