"""Admin views for the outbox: send a failed message again."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .actions import NotAllowed, retry_message
from .models import OutboxMessage


class RetryMessageView(PermissionCheckedMixin, View):
    permission_required = "change"
    index_url_name: str | None = None

    def get(self, request, pk):
        message = get_object_or_404(OutboxMessage, pk=pk)
        return TemplateResponse(request, "notifications/admin/retry.html", {"message": message})

    def post(self, request, pk):
        message = get_object_or_404(OutboxMessage, pk=pk)
        try:
            retry_message(message=message, now=timezone.now())
        except NotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Sending again to {message.recipient}.")
        return redirect(self.index_url_name)
