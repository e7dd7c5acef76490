"""Admin pages for a client's privacy rights: download their export, erase them (after a
confirmation step). Reached from the client's page (its "Privacy rights" section)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from hearth.bookings.clients import client_record

from .actions import erase_client
from .exports import as_csv, as_json
from .queries import client_export, held_records

EXPORT_PERMISSION = "bookings.view_booking"
ERASE_PERMISSION = "bookings.delete_booking"
CONTENT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


def _email_of(request: HttpRequest, kind: str, pk: int, permission: str) -> str:
    if not request.user.has_perm(permission):
        raise PermissionDenied
    record = client_record(kind=kind, pk=pk)
    if record is None:
        raise Http404
    return record.email


def export(request: HttpRequest, kind: str, pk: str, file_format: str) -> HttpResponse:
    email = _email_of(request, kind, int(pk), EXPORT_PERMISSION)
    data = client_export(email=email, now=timezone.now())
    body = as_json(data) if file_format == "json" else as_csv(data)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="client-export-{stamp}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    return response


class EraseForm(forms.Form):
    confirm_email = forms.CharField(
        label="Type the client's email address to confirm", max_length=254
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_confirm_email(self) -> str:
        typed = self.cleaned_data["confirm_email"].strip()
        if typed.lower() != self.email.lower():
            raise forms.ValidationError("That is not this client's email address.")
        return typed


def erase(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    email = _email_of(request, kind, pk, ERASE_PERMISSION)
    form = EraseForm(request.POST or None, email=email)
    if request.method == "POST" and form.is_valid():
        erasure = erase_client(email=email, actor=request.user.get_username(), now=timezone.now())
        messages.success(
            request,
            f"The client is erased: {erasure.bookings} booking(s) and "
            f"{erasure.registrations} registration(s) kept as anonymous busy time, "
            f"{erasure.comments} comment(s) made anonymous, {erasure.messages} message(s) "
            f"and {erasure.intake_packets} intake(s) deleted.",
        )
        return redirect("hearth_clients")
    records = held_records(email=email)
    return TemplateResponse(
        request,
        "rights/admin/erase.html",
        {
            "form": form,
            "email": email,
            "records": records,
            "client_url": reverse("hearth_client", args=[kind, pk]),
            "header_title": "Erase a client",
        },
    )
