"""The clients admin pages: everyone who booked or registered, and one client's record."""

import csv
import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.menu import MenuItem

from hearth.practice.models import Practice
from hearth.privacy.actions import record_audit

from .clients import client_record, client_rows
from .export import MAX_DAYS, bookings_rows, header
from .reads import reads_of

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
            "export_from": timezone.localdate().replace(day=1),
            "export_to": timezone.localdate(),
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
        {
            "record": record,
            "contact": record.contact,
            "reads": reads_of(email=record.email),
            "header_title": record.contact.client_name,
        },
    )


def bookings_csv(request: HttpRequest) -> HttpResponse:
    """GET from=YYYY-MM-DD&to=YYYY-MM-DD: the bookings starting on those dates as CSV. A
    range that is not one goes back to the clients page with a message."""
    _check(request)
    try:
        first = dt.date.fromisoformat(request.GET.get("from", ""))
        last = dt.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        messages.error(request, "Choose the first and last dates of the bookings to export.")
        return redirect("hearth_clients")
    if last < first or (last - first).days >= MAX_DAYS:
        messages.error(request, f"Choose a range of 1 to {MAX_DAYS} days, first date first.")
        return redirect("hearth_clients")
    zone = timezone.get_current_timezone()
    rows = bookings_rows(first=first, last=last, zone=zone)
    record_audit(
        actor=request.user.username,
        action="bookings.exported",
        target=Practice.load(),
        first=first.isoformat(),
        last=last.isoformat(),
        rows=len(rows),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bookings-{first}-to-{last}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(header(zone))
    writer.writerows(rows)
    return response
