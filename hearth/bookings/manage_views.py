"""The client's own pages for a booking, reached by its manage link: the confirmation, the
manage page (move it with the day and time picker, or cancel it), each change behind a
confirmation step (GET shows the step, POST does it), and the calendar file."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from hearth.core.errors import Refused
from hearth.practice.fees import payment_text
from hearth.practice.models import Practice

from .actions import cancel_booking, cutoff_passed, reschedule_booking
from .checkins import card_for
from .day_picker import build_picker, picker_links
from .errors import SlotTaken
from .intake_links import intake_of
from .models import Booking, BookingStatus
from .notify import booking_ics
from .queries import booking_for_token
from .tokens import manage_url
from .views import EMAIL_SHOWN_ONCE, parse_start, zone_label


def booking_of(token: str) -> Booking:
    booking = booking_for_token(token)
    if booking is None:
        raise Http404("No booking matches this link.")
    return booking


def booking_context(booking: Booking, token: str) -> dict:
    zone = ZoneInfo(booking.client_timezone)
    service = booking.service
    return {
        "booking": booking,
        "token": token,
        "start": booking.start.astimezone(zone),
        "end": booking.end.astimezone(zone),
        "zone_name": booking.client_timezone,
        "zone_label": zone_label(booking.client_timezone),
        "manage_url": manage_url(booking),
        "fee": payment_text(service.price_cents, service.currency, per="per session"),
        "practice": Practice.load(),
        "intake": intake_of(booking) if booking.is_active else None,
    }


def _can_change(booking: Booking, now: dt.datetime) -> bool:
    return booking.status == BookingStatus.CONFIRMED and not cutoff_passed(booking, now)


@never_cache
def done(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation. The email address is shown once, to the browser that just booked;
    the link itself (kept in history, forwarded, shared) never shows it again."""
    booking = booking_of(token)
    context = booking_context(booking, token)
    context["show_email"] = request.session.pop(EMAIL_SHOWN_ONCE, None) == booking.pk
    return render(request, "bookings/done.html", context)


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The booking, and while it can change: the picker of other times with the same
    practitioner (every day up to the service's horizon), and the way to cancel."""
    booking = booking_of(token)
    context = booking_context(booking, token)
    now = timezone.now()
    context["can_change"] = _can_change(booking, now)
    context["check_in_card"] = card_for(booking, now=now)
    if context["can_change"]:
        picker = build_picker(
            service=booking.service,
            zone=ZoneInfo(booking.client_timezone),
            now=now,
            week=request.GET.get("week"),
            date=request.GET.get("date"),
            location=booking.location,
            practitioner_slug=booking.practitioner.slug,
            exclude_booking_id=booking.pk,
            leave_out=booking.start,
        )
        context |= picker_links(
            picker,
            page=reverse("bookings:manage", args=[token]),
            keep={},
            time_page=reverse("bookings:reschedule", args=[token]),
            anchor="move",
        )
    return render(request, "bookings/manage.html", context)


def _refused(request: HttpRequest, booking: Booking, token: str, error: Refused) -> HttpResponse:
    context = booking_context(booking, token) | {"error": error.detail, "can_change": False}
    return render(request, "bookings/manage.html", context, status=error.status)


@never_cache
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks "are you sure?"; only the POST cancels."""
    booking = booking_of(token)
    if request.method != "POST":
        if not _can_change(booking, timezone.now()):
            return redirect(reverse("bookings:manage", args=[token]))
        return render(request, "bookings/cancel.html", booking_context(booking, token))
    try:
        cancel_booking(booking=booking, now=timezone.now())
    except Refused as error:
        return _refused(request, booking, token, error)
    return redirect(reverse("bookings:manage", args=[token]) + "?cancelled=1")


@never_cache
def reschedule(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the move from the old time to the new one; only the POST moves."""
    booking = booking_of(token)
    start = parse_start(request.POST.get("start", "") or request.GET.get("start", ""))
    if request.method != "POST":
        if start is None or not _can_change(booking, timezone.now()):
            return redirect(reverse("bookings:manage", args=[token]))
        zone = ZoneInfo(booking.client_timezone)
        new_start = start.astimezone(zone)
        context = booking_context(booking, token) | {
            "new_start": new_start,
            "new_end": new_start + (booking.end - booking.start),
            "start_value": start.isoformat(),
        }
        return render(request, "bookings/reschedule.html", context)
    try:
        if start is None:
            raise SlotTaken("Please choose one of the times shown.")
        reschedule_booking(booking=booking, new_start=start, now=timezone.now())
    except Refused as error:
        return _refused(request, booking, token, error)
    return redirect(reverse("bookings:manage", args=[token]) + "?moved=1")


@never_cache
def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    """The same calendar entry the emails carry (UID, SEQUENCE, video link)."""
    booking = booking_of(token)
    response = HttpResponse(booking_ics(booking, now=timezone.now()), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response
