"""Dashboard panel of calendars: busy calendars whose last fetch failed."""

from wagtail.admin.ui.components import Component

from .admin_views import can_manage
from .fetching import short_address
from .models import FetchStatus
from .queries import calendar_statuses


class CalendarProblemsPanel(Component):
    """Only the calendars the user manages."""

    order = 60
    template_name = "calendars/admin/problems_panel.html"

    def __init__(self, *, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "problems": [
                {"calendar": calendar, "copy": copy, "address": short_address(calendar.url)}
                for calendar, copy in calendar_statuses()
                if copy is not None
                and copy.status == FetchStatus.FAILED
                and can_manage(self.user, calendar.practitioner)
            ]
        }

    def render_html(self, parent_context=None):
        if not self.get_context_data()["problems"]:
            return ""
        return super().render_html(parent_context)
