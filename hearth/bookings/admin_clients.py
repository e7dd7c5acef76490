"""The clients admin pages: everyone who booked or registered, and one client's record."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.menu import MenuItem

from .clients import client_record, client_rows

PERMISSION = "bookings.view_booking"


class ClientsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(PERMISSION)


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def clients(request: HttpRequest) -> HttpResponse:
    _check(request)
    search = request.GET.get("q", "").strip()[:100]
    rows = client_rows(now=timezone.now(), search=search)
    return TemplateResponse(
        request,
        "bookings/admin/clients.html",
        {
            "rows": rows,
            "search": search,
            "zone_name": timezone.get_current_timezone_name(),
            "header_title": "Clients",
        },
    )


def client(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _check(request)
    record = client_record(kind=kind, pk=pk)
    if record is None:
        raise Http404
    return TemplateResponse(
        request,
        "bookings/admin/client.html",
        {"record": record, "contact": record.contact, "header_title": record.contact.client_name},
    )
