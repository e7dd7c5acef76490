"""Admin: the practice's bookings — a filterable list, a detail view, cancel with a note."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .actions import cancel_booking
from .models import Booking


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Note for the record (optional)", required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only whether a note was given is kept in the audit log.",
    )  # fmt: skip


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "date"
    menu_label = "Bookings"
    menu_order = 150
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["reference", "start", "service", "practitioner", "client_name", "status"]
    list_filter = {"status": ["exact"], "service": ["exact"], "start": ["date__gte", "date__lte"]}
    search_fields = ["reference", "client_name", "client_email"]
    ordering = ["-start"]
    inspect_view_fields = [
        "reference", "status", "service", "practitioner", "start", "end", "client_name",
        "client_email", "client_phone", "location", "client_timezone", "contact_email_ok",
        "contact_text_ok", "contact_voicemail_ok", "message", "created_at",
    ]  # fmt: skip
    form_fields = ["status"]  # required by ModelViewSet; the edit view is not routed

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def get_urlpatterns(self):
        # Bookings are made by clients; the admin looks, marks and cancels.
        # Status changes go through actions (with their audit entry), not a model form.
        kept = {"index", "index_results", "inspect", "history", "history_results"}
        patterns = [p for p in super().get_urlpatterns() if p.name in kept]
        return [*patterns, path("cancel/<int:pk>/", self.cancel_view, name="cancel")]

    def cancel_view(self, request, pk):
        if not request.user.has_perm("bookings.change_booking"):
            raise PermissionDenied
        booking = get_object_or_404(Booking, pk=pk)
        form = CancelForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            cancel_booking(booking=booking, now=timezone.now(), actor=request.user.get_username(),
                           note=form.cleaned_data["note"])  # fmt: skip
            messages.success(
                request, f"Booking {booking.reference} is cancelled; the time is free."
            )
            return redirect(self.get_url_name("index"))
        return TemplateResponse(request, "bookings/admin/cancel.html",
                                {"booking": booking, "form": form, "view": self,
                                 "header_title": f"Cancel {booking.reference}"})  # fmt: skip


@hooks.register("register_admin_viewset")
def register_bookings():
    return BookingViewSet("booking_admin")
