"""Dashboard panels of bookings: the sessions of today and the next seven days, the bookings
made since the user's last visit, and sessions per week over the last 12 weeks."""

import datetime as dt

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.admin.ui.components import Component

from .agenda import ItemKind, agenda_days
from .dashboard import WEEKS, booked_since, sessions_per_week, weeks_chart

DAYS_AHEAD = 7
SESSIONS = (ItemKind.BOOKING, ItemKind.WORKSHOP)
PREVIOUS_VISIT = "hearth_previous_visit"  # session key: the sign-in before this one
FIRST_VISIT_DAYS = 7


def remember_previous_visit(sender, request, user, **kwargs) -> None:
    """On sign-in, keep the time of the one before. Connected in BookingsConfig.ready(),
    which runs before django.contrib.auth's and so before it updates last_login."""
    if request is not None and hasattr(request, "session"):
        previous = user.last_login
        request.session[PREVIOUS_VISIT] = previous.isoformat() if previous else ""


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


class NewSinceLastVisitPanel(Component):
    order = 11
    template_name = "bookings/admin/new_bookings_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        previous = parse_datetime(self.request.session.get(PREVIOUS_VISIT) or "")
        first_visit = previous is None
        since = previous or timezone.now() - dt.timedelta(days=FIRST_VISIT_DAYS)
        count, newest = booked_since(since)
        return {
            "since": since,
            "first_visit": first_visit,
            "first_visit_days": FIRST_VISIT_DAYS,
            "count": count,
            "newest": newest,
        }


class SessionsChartPanel(Component):
    order = 12
    template_name = "bookings/admin/sessions_chart_panel.html"

    def get_context_data(self, parent_context=None):
        weeks = sessions_per_week(today=timezone.localdate(), zone=timezone.get_current_timezone())
        return {"weeks": weeks, "chart": weeks_chart(weeks), "count": WEEKS}
