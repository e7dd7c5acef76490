"""Admin views for the practice's own writes: move a booking for a client (from the booking's
page), book for a client and block time (from the agenda). Thin: each calls one function of
practice_actions and says what happened; every refusal is a message on the page."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from hearth.core.errors import Refused
from hearth.practice.models import Practitioner
from hearth.practice.windows import Span

from .actions import ClientDetails
from .admin_forms import BlockTimeForm, ChooseTimeForm, ClientForm
from .admin_views import BookingActionView
from .models import Booking
from .practice_actions import (
    block_time,
    book_for_client,
    bookings_within,
    move_for_client,
    practice_times,
    unblock_day,
)

BOOK_PERMISSION = "bookings.change_booking"
BLOCK_PERMISSION = "practice.change_practitioner"


def _date(value: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return default


def _start(value: str) -> dt.datetime | None:
    try:
        start = parse_datetime(value)
    except ValueError:
        return None
    return start if start is not None and start.tzinfo is not None else None


def _told(booking: Booking) -> str:
    if booking.contact_email_ok:
        return "The client is emailed."
    return "The client said email is not safe, so no email is sent."


class MoveBookingView(BookingActionView):
    """GET ?date=: the times the practice may move to that day; POST start=: move."""

    def get(self, request, pk):
        booking = get_object_or_404(
            Booking.objects.select_related("service", "practitioner"), pk=pk
        )
        zone = timezone.get_current_timezone()
        day = _date(request.GET.get("date", ""), booking.start.astimezone(zone).date())
        return self.render(booking, day)

    def post(self, request, pk):
        booking = get_object_or_404(
            Booking.objects.select_related("service", "practitioner"), pk=pk
        )
        start = _start(request.POST.get("start", ""))
        zone = timezone.get_current_timezone()
        if start is None:
            messages.error(request, "Choose one of the times.")
            return self.render(booking, booking.start.astimezone(zone).date())
        try:
            moved = move_for_client(
                booking=booking, new_start=start, now=timezone.now(), actor=request.user.username
            )
        except Refused as refusal:
            messages.error(request, refusal.detail)
            return self.render(booking, start.astimezone(zone).date())
        local = timezone.localtime(moved.start)
        messages.success(
            request,
            f"Booking {moved.reference} moved to {local:%A, %B %-d, %-I:%M %p %Z}. {_told(moved)}",
        )
        return self.booking_page(moved)

    def render(self, booking: Booking, day: dt.date):
        zone = timezone.get_current_timezone()
        times = []
        if booking.is_active:
            times = practice_times(
                service=booking.service,
                day=day,
                zone=zone,
                location=booking.location,
                now=timezone.now(),
                moving=booking,
            )
        return TemplateResponse(
            self.request,
            "bookings/admin/move.html",
            {
                "booking": booking,
                "day": day,
                "times": [slot for slot in times if slot.start != booking.start],
                "client_zone": ZoneInfo(booking.client_timezone),
                "booking_url": reverse(self.inspect_url_name, args=[booking.pk]),
                "header_title": f"Move {booking.reference}",
                "zone_name": timezone.get_current_timezone_name(),
            },
        )


def book(request: HttpRequest) -> HttpResponse:
    """Book for a client: GET chooses the service, date and place and lists the times; POST
    books the chosen time with the client's details."""
    if not request.user.has_perm(BOOK_PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else request.GET
    choose = ChooseTimeForm(
        data if "service" in data else None,
        initial={"date": today, "timezone": timezone.get_current_timezone_name()},
    )
    details = ClientForm(request.POST if request.method == "POST" else None)
    times = []
    if choose.is_valid():
        chosen = choose.cleaned_data
        if request.method == "POST" and details.is_valid():
            response = _book(request, chosen, details.cleaned_data)
            if response is not None:
                return response
        times = practice_times(
            service=chosen["service"],
            day=chosen["date"],
            zone=timezone.get_current_timezone(),
            location=chosen["location"],
            now=timezone.now(),
        )
    return TemplateResponse(
        request,
        "bookings/admin/book.html",
        {
            "choose": choose,
            "details": details,
            "times": times,
            "chosen_start": request.POST.get("start", ""),
            "client_zone": ZoneInfo(choose.cleaned_data["timezone"])
            if choose.is_valid()
            else None,
            "zone_name": timezone.get_current_timezone_name(),
            "header_title": "Book for a client",
        },
    )


def _book(request: HttpRequest, chosen: dict, details: dict) -> HttpResponse | None:
    client = ClientDetails(
        name=details["name"],
        email=details["email"],
        location=chosen["location"],
        timezone=chosen["timezone"],
        email_ok=details["email_ok"],
        text_ok=details["text_ok"],
        voicemail_ok=details["voicemail_ok"],
        phone=details["phone"],
    )
    try:
        booking = book_for_client(
            service=chosen["service"],
            start=details["start"],
            client=client,
            now=timezone.now(),
            actor=request.user.username,
        ).booking
    except Refused as refusal:
        messages.error(request, refusal.detail)
        return None
    local = timezone.localtime(booking.start)
    messages.success(
        request,
        f"Booked {booking.reference} for {booking.client_name} on "
        f"{local:%A, %B %-d, %-I:%M %p %Z}. {_told(booking)}",
    )
    return redirect(reverse("booking_admin:inspect", args=[booking.pk]))


def block(request: HttpRequest) -> HttpResponse:
    """Take a day or a few hours off (the practitioner's own hours on that date)."""
    if not request.user.has_perm(BLOCK_PERMISSION):
        raise PermissionDenied
    practitioners = list(Practitioner.objects.order_by("name"))
    if not practitioners:
        raise PermissionDenied
    chosen = next(
        (p for p in practitioners if str(p.pk) == request.POST.get("practitioner")),
        practitioners[0],
    )
    today = timezone.localdate()
    form = BlockTimeForm(
        request.POST if request.method == "POST" else None,
        initial={"date": _date(request.GET.get("date", ""), today)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        blocked = None
        if not data["whole_day"]:
            blocked = Span(
                data["start"].hour * 60 + data["start"].minute,
                data["end"].hour * 60 + data["end"].minute,
            )
        try:
            block_time(
                practitioner=chosen, day=data["date"], blocked=blocked, actor=request.user.username
            )
        except Refused as refusal:
            messages.error(request, refusal.detail)
        else:
            still = bookings_within(chosen, data["date"], blocked)
            what = "the whole day" if blocked is None else str(blocked)
            words = f"Time off on {data['date']:%A, %B %-d}: {what}. No one can book it now."
            if still:
                words += f" {still} booking(s) already there still stand: move or cancel them."
            messages.success(request, words)
            return redirect(f"{reverse('hearth_agenda')}?date={data['date']}&view=day")
    return TemplateResponse(
        request,
        "bookings/admin/block.html",
        {
            "form": form,
            "practitioners": practitioners,
            "chosen": chosen,
            "header_title": "Block time",
        },
    )


def unblock(request: HttpRequest) -> HttpResponse:
    """POST practitioner=, date=: give the date back its weekly hours."""
    if not request.user.has_perm(BLOCK_PERMISSION):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("hearth_agenda")
    pk = request.POST.get("practitioner", "")
    practitioner = get_object_or_404(Practitioner, pk=int(pk) if pk.isdigit() else 0)
    day = _date(request.POST.get("date", ""), timezone.localdate())
    if unblock_day(practitioner=practitioner, day=day, actor=request.user.username):
        messages.success(request, f"{day:%A, %B %-d} has its usual weekly hours again.")
    else:
        messages.error(request, f"{day:%A, %B %-d} had no time off to remove.")
    return redirect(f"{reverse('hearth_agenda')}?date={day}&view=day")
