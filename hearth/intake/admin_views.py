"""The practitioner's pages of clients' intakes: the list, and one client's intake, whose
every opening is recorded in the audit log (and listed on the page)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from .actions import record_admin_read
from .models import DocumentVersion, IntakePacket
from .records import packet_record, packet_rows

PERMISSION = "intake.view_intakepacket"


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def packets(request: HttpRequest) -> HttpResponse:
    _check(request)
    search = request.GET.get("q", "").strip()[:100]
    return TemplateResponse(
        request,
        "intake/admin/packets.html",
        {
            "rows": packet_rows(search=search),
            "search": search,
            "zone_name": timezone.get_current_timezone_name(),
            "header_title": "Client intakes",
        },
    )


def packet(request: HttpRequest, pk: int) -> HttpResponse:
    _check(request)
    intake = get_object_or_404(IntakePacket.objects.select_related("practitioner"), pk=pk)
    this_read = record_admin_read(packet=intake, actor=request.user.get_username())
    record = packet_record(intake, this_read=this_read)
    return TemplateResponse(
        request,
        "intake/admin/packet.html",
        {
            "record": record,
            "packet": intake,
            "zone_name": timezone.get_current_timezone_name(),
            "header_title": f"Intake of {intake.client_name}",
        },
    )


def version(request: HttpRequest, pk: int) -> HttpResponse:
    """One published version of a document, word for word: what a client signed."""
    _check(request)
    shown = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    return TemplateResponse(
        request,
        "intake/admin/version.html",
        {
            "version": shown,
            "signed": shown.acknowledgments.count(),
            "header_title": f"{shown.title}, version {shown.number}",
            "header_subtitle": f"Version {shown.number}",
        },
    )
