"""Admin views for bookings: the booking's page, cancel (with a confirmation step and an
optional note to the client), attendance and the practice's private note."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from hearth.core.errors import Refused
from hearth.privacy.actions import record_audit

from .actions import cancel_booking, mark_attendance, set_practice_note
from .admin_forms import CancelForm, PracticeNoteForm
from .checkins import check_in_of
from .intake_links import intake_of
from .models import Booking, BookingStatus
from .queries import booking_history

DETAILS_VIEWED = "booking.details_viewed"


class BookingPageView(InspectView):
    """Everything the practice needs about one booking, and its buttons."""

    template_name = "bookings/admin/booking.html"
    page_title = "Booking"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Booking.objects.select_related("service", "practitioner"), pk=self.pk
        )

    def get_fields(self):
        return []

    def get(self, request, *args, **kwargs):
        """Opening the page reads the client's words (message, phone, note, check-in): each
        opening is recorded, and listed on the client's page."""
        response = super().get(request, *args, **kwargs)
        record_audit(actor=request.user.get_username(), action=DETAILS_VIEWED, target=self.object)
        return response

    def get_page_subtitle(self):
        return f"{self.object.reference} · {self.object.client_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        can_change = self.user_has_permission("change")
        context.update(
            booking=booking,
            client_zone=ZoneInfo(booking.client_timezone),
            history=booking_history(booking),
            check_in=check_in_of(booking) if booking.is_counseling else None,
            needs_check_in=booking.is_counseling,
            intake=intake_of(booking),
            note_form=PracticeNoteForm(initial={"note": booking.practice_note}),
            can_change=can_change,
            can_cancel=can_change and booking.status == BookingStatus.CONFIRMED,
            can_mark=can_change and booking.is_active and booking.start <= timezone.now(),
            urls={
                name: reverse(f"{self.index_url_name.rsplit(':', 1)[0]}:{name}", args=[booking.pk])
                for name in ("cancel", "attendance", "note", "move")
            },
        )
        return context


class BookingActionView(PermissionCheckedMixin, View):
    permission_required = "change"
    inspect_url_name: str | None = None
    index_url_name: str | None = None

    def booking_page(self, booking: Booking):
        return redirect(reverse(self.inspect_url_name, args=[booking.pk]))


class CancelBookingView(BookingActionView):
    """The practice is not held to the cutoff; the client is told (cancel_booking)."""

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
        return self.booking_page(booking)

    def render(self, booking: Booking, form: CancelForm):
        return TemplateResponse(
            self.request,
            "bookings/admin/cancel.html",
            {
                "booking": booking,
                "form": form,
                "booking_url": reverse(self.inspect_url_name, args=[booking.pk]),
                "header_title": f"Cancel {booking.reference}",
            },
        )


class AttendanceView(BookingActionView):
    """POST status=completed|no_show: mark a session whose start has passed."""

    def get(self, request, pk):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk):
        booking = get_object_or_404(Booking, pk=pk)
        choices = {"completed": BookingStatus.COMPLETED, "no_show": BookingStatus.NO_SHOW}
        status = choices.get(request.POST.get("status", ""))
        if status is None:
            messages.error(request, "Choose completed or no-show.")
            return self.booking_page(booking)
        try:
            mark_attendance(
                booking=booking, status=status, now=timezone.now(), actor=request.user.username
            )
        except Refused as refusal:
            messages.error(request, refusal.detail)
        else:
            messages.success(request, f"Booking {booking.reference}: {status.label}.")
        return self.booking_page(booking)


class PracticeNoteView(BookingActionView):
    def get(self, request, pk):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk):
        booking = get_object_or_404(Booking, pk=pk)
        form = PracticeNoteForm(request.POST)
        if form.is_valid():
            set_practice_note(
                booking=booking, note=form.cleaned_data["note"], actor=request.user.username
            )
            messages.success(request, "Practice note saved.")
        else:
            messages.error(request, "; ".join(form.errors["note"]))
        return self.booking_page(booking)
