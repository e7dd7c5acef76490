"""Dashboard panel of the outbox: a warning when messages are failing or stuck."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .queries import outbox_health


class OutboxHealthPanel(Component):
    order = 40
    template_name = "notifications/admin/health_panel.html"

    def get_context_data(self, parent_context=None):
        return {"health": outbox_health(now=timezone.now())}

    def render_html(self, parent_context=None):
        if not self.get_context_data()["health"].needs_attention:
            return ""
        return super().render_html(parent_context)
