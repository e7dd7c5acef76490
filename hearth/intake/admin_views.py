"""The practitioner's page of one client's intake; every opening is audited."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from .actions import record_admin_read
from .models import IntakePacket


def packet(request: HttpRequest, pk: int) -> HttpResponse:
    intake = get_object_or_404(IntakePacket, pk=pk)
    record_admin_read(packet=intake, actor=request.user.get_username())
    return HttpResponse("Intake")
