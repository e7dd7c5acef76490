"""Admin views for bookings: the practice cancels a booking, with an optional note."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .actions import cancel_booking
from .admin_forms import CancelForm
from .models import Booking


class CancelBookingView(PermissionCheckedMixin, View):
    """The practice is not held to the cutoff; the client is told (cancel_booking)."""

    permission_required = "change"
    index_url_name: str | None = None

    def get(self, request, pk):
        return self.render(get_object_or_404(Booking, pk=pk), CancelForm())

    def post(self, request, pk):
        booking = get_object_or_404(Booking, pk=pk)
        form = CancelForm(request.POST)
        if not form.is_valid():
            return self.render(booking, form)
        cancel_booking(
            booking=booking,
            now=timezone.now(),
            actor=request.user.get_username(),
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"Booking {booking.reference} is cancelled; the time is free.")
        return redirect(self.index_url_name)

    def render(self, booking: Booking, form: CancelForm):
        return TemplateResponse(
            self.request,
            "bookings/admin/cancel.html",
            {"booking": booking, "form": form, "header_title": f"Cancel {booking.reference}"},
        )
