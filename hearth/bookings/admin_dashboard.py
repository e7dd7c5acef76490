"""Dashboard panel of bookings: the sessions of today and the next seven days, by day."""

import datetime as dt

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .agenda import ItemKind, agenda_days

DAYS_AHEAD = 7
SESSIONS = (ItemKind.BOOKING, ItemKind.WORKSHOP)


class ComingUpPanel(Component):
    """Bookings and workshop sessions, today first; only for users who may see bookings."""

    order = 10
    template_name = "bookings/admin/coming_up_panel.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()  # the admin's zone (hearth.practice.admin_zone)
        days = agenda_days(
            first=today,
            last=today + dt.timedelta(days=DAYS_AHEAD),
            zone=timezone.get_current_timezone(),
        )
        for day in days:
            day.items = [item for item in day.items if item.kind in SESSIONS]
        return {
            "today": today,
            "today_items": days[0].items,
            "later_days": [day for day in days[1:] if day.items],
        }
