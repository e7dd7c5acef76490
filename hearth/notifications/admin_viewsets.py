"""Admin viewset for the outbox: the status of every message, and retrying a failed one."""

from django.urls import path

from hearth.core.admin_viewsets import ReadOnlyViewSet

from .admin_views import RetryMessageView
from .models import OutboxMessage


class OutboxViewSet(ReadOnlyViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = "Messages"
    menu_order = 160
    add_to_admin_menu = True
    list_display = [
        "created_at",
        "kind",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = {"status": ["exact"], "kind": ["exact"]}
    search_fields = ["recipient", "subject", "message_id"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "message_id",
        "kind",
        "recipient",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "related_type",
        "related_id",
        "text",
    ]
    form_fields = ["status"]  # required by ModelViewSet; the edit view is not routed

    def action_urlpatterns(self):
        retry = self.construct_view(RetryMessageView)
        return [path("retry/<int:pk>/", retry, name="retry")]
