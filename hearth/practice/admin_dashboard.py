"""Dashboard panel of the practice: licenses that lapse soon and are not renewed."""

import datetime as dt

from django.conf import settings
from wagtail.admin.ui.components import Component

from .queries import licenses_lapsing


class LicenseWarningPanel(Component):
    order = 50
    template_name = "practice/admin/license_warning_panel.html"

    def __init__(self, *, today: dt.date) -> None:
        self.today = today

    def get_context_data(self, parent_context=None):
        lapsing = licenses_lapsing(
            today=self.today, within_days=settings.HEARTH_LICENSE_WARNING_DAYS
        )
        return {"licenses": lapsing, "today": self.today}

    def render_html(self, parent_context=None):
        if not self.get_context_data()["licenses"]:
            return ""
        return super().render_html(parent_context)
