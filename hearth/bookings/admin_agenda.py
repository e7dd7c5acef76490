"""The agenda admin page: a day or a week of the practice's calendar, addressed by
`?date=YYYY-MM-DD&view=day|week` (and `cancelled=1` to show cancelled bookings)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.menu import MenuItem

from .agenda import AgendaView, agenda_for

PERMISSION = "bookings.view_booking"


class AgendaMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)


def _day_from(value: str, today: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return today


def agenda(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()  # in the admin zone (hearth.practice.admin_zone)
    day = _day_from(request.GET.get("date", ""), today)
    view = AgendaView(request.GET.get("view")) if request.GET.get("view") == "day" else None
    view = view or AgendaView.WEEK
    show_cancelled = request.GET.get("cancelled") == "1"
    result = agenda_for(
        day=day, view=view, zone=timezone.get_current_timezone(), show_cancelled=show_cancelled
    )
    return TemplateResponse(
        request,
        "bookings/admin/agenda.html",
        {
            "agenda": result,
            "day": day,
            "today": today,
            "show_cancelled": show_cancelled,
            # No view asked for: the week on a desk, the chosen day on a phone (CSS only).
            "auto": request.GET.get("view") not in ("day", "week"),
            "day_before": day - dt.timedelta(days=1),
            "day_after": day + dt.timedelta(days=1),
            "can_book": request.user.has_perm("bookings.change_booking"),
            "can_block": request.user.has_perm("practice.change_practitioner"),
            "header_title": "Agenda",
            "zone_name": timezone.get_current_timezone_name(),
        },
    )
