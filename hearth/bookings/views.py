"""The public booking flow: service → where you are → a time in your zone → details →
confirmation; and the manage page. Works without JavaScript (forms and redirects)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hearth.core.errors import Refused
from hearth.core.ratelimit import count_submission_made, submission_allowed
from hearth.core.zones import known_time_zones, zone_choices
from hearth.practice.models import Practice, Service

from .actions import ClientDetails, book_slot, cancel_booking, cutoff_passed, reschedule_booking
from .errors import SlotTaken
from .forms import DetailsForm, WhereForm
from .models import Booking, BookingStatus
from .notify import booking_ics
from .queries import SlotsResult, booking_for_token, open_slots_for, other_services_offered
from .tokens import manage_token, manage_url

DAYS_SHOWN = 14


def practice_zone_name() -> str:
    return Practice.load().timezone


def services_page(request: HttpRequest) -> HttpResponse:
    services = Service.objects.order_by("price_cents", "name")
    return render(request, "bookings/services.html", {"services": services})


def _days_with_slots(service, location, zone, today, now, first_day=None):
    first = first_day or today
    last = first + dt.timedelta(days=DAYS_SHOWN - 1)
    result = open_slots_for(
        service=service, first=first, last=last, client_zone=zone, now=now, location=location
    )
    days: dict[dt.date, list] = {}
    for slot in result.slots:
        days.setdefault(slot.start.astimezone(zone).date(), []).append(slot)
    return days, result


@never_cache
def choose_time(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 1 and 2: where the client will be, then a day and a time in their zone."""
    service = get_object_or_404(Service, slug=slug)
    zone_name = request.GET.get("tz", "")
    if zone_name not in known_time_zones():
        zone_name = practice_zone_name()
    form = WhereForm(request.GET or None, initial={"tz": zone_name})
    context = {
        "service": service,
        "form": form,
        "zones": zone_choices(zone_name),
        "zone_name": zone_name,
    }
    if not form.is_bound or not form.is_valid():
        return render(request, "bookings/choose_time.html", context)
    location = form.cleaned_data["location"]
    zone_name = form.cleaned_data["tz"] or practice_zone_name()
    zone = ZoneInfo(zone_name)
    now = timezone.now()
    days, result = _days_with_slots(service, location, zone, now.astimezone(zone).date(), now)
    chosen = _chosen_day(request.GET.get("date"), days)
    context |= {
        "location": location,
        "zone_name": zone_name,
        "zones": zone_choices(zone_name),
        "days": days,
        "chosen": chosen,
        "notice": result.notice,
        "alternatives": _alternatives(service, location, result, now),
        "times": [s.start.astimezone(zone) for s in days.get(chosen, [])],
    }
    return render(request, "bookings/choose_time.html", context)


def _chosen_day(value: str | None, days: dict) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        day = None
    if day in days:
        return day
    return next(iter(days), None)


def _alternatives(service: Service, location: str, result: SlotsResult, now) -> list[Service]:
    if result.location_covered:
        return []
    return other_services_offered(besides=service, location=location, now=now)


def _parse_start(value: str) -> dt.datetime | None:
    try:
        start = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return start.astimezone(dt.UTC) if start.tzinfo else None


@never_cache
def details(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 3: who you are and how we may contact you; POST books (then redirects)."""
    service = get_object_or_404(Service, slug=slug)
    source = request.POST if request.method == "POST" else request.GET
    start = _parse_start(source.get("start", ""))
    location = source.get("location", "")
    zone_name = source.get("tz", "") or practice_zone_name()
    if start is None or not location or zone_name not in known_time_zones():
        return redirect(reverse("bookings:choose_time", args=[slug]))
    zone = ZoneInfo(zone_name)
    context = {
        "service": service,
        "start": start.astimezone(zone),
        "location": location,
        "zone_name": zone_name,
        "start_value": start.isoformat(),
    }
    if request.method != "POST":
        form = DetailsForm(initial=DetailsForm.new_initial())
        return render(request, "bookings/details.html", context | {"form": form})
    form = DetailsForm(request.POST)
    if not form.is_valid():
        return render(request, "bookings/details.html", context | {"form": form}, status=422)
    data = form.cleaned_data
    now = timezone.now()
    if not submission_allowed(request, email=data["email"], now=now):
        return render(request, "bookings/limited.html", {"service": service}, status=429)
    client = ClientDetails(
        name=data["name"].strip(),
        email=data["email"],
        phone=data["phone"].strip(),
        location=location,
        timezone=zone_name,
        email_ok=data["email_ok"],
        text_ok=data["text_ok"],
        voicemail_ok=data["voicemail_ok"],
        message=data["message"].strip(),
    )
    try:
        result = book_slot(
            service=service,
            start=start,
            client=client,
            now=now,
            idempotency_key=f"form:{data['key']}",
        )
    except Refused as error:
        alternatives = error.alternatives if isinstance(error, SlotTaken) else []
        nearby = [slot.start.astimezone(zone) for slot in alternatives]
        context |= {"form": form, "error": error.detail, "alternatives": nearby}
        return render(request, "bookings/details.html", context, status=error.status)
    if result.created:
        count_submission_made(email=client.email, now=now)
        request.session[EMAIL_SHOWN_ONCE] = result.booking.pk
    return redirect(reverse("bookings:done", args=[manage_token(result.booking.pk)]))


# The session key naming the booking whose confirmation may show its email address once.
EMAIL_SHOWN_ONCE = "hearth.bookings.email_shown_once"


def _booking(token: str) -> Booking:
    booking = booking_for_token(token)
    if booking is None:
        raise Http404("No booking matches this link.")
    return booking


def _booking_context(booking: Booking, token: str) -> dict:
    zone = ZoneInfo(booking.client_timezone)
    return {
        "booking": booking,
        "token": token,
        "start": booking.start.astimezone(zone),
        "end": booking.end.astimezone(zone),
        "zone_name": booking.client_timezone,
        "manage_url": manage_url(booking),
        "practice": Practice.load(),
    }


@never_cache
def done(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation. The email address is shown once, to the browser that just booked;
    the link itself (kept in history, forwarded, shared) never shows it again."""
    booking = _booking(token)
    context = _booking_context(booking, token)
    context["show_email"] = request.session.pop(EMAIL_SHOWN_ONCE, None) == booking.pk
    return render(request, "bookings/done.html", context)


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    context = _booking_context(booking, token)
    now = timezone.now()
    can_change = booking.status == BookingStatus.CONFIRMED and not cutoff_passed(booking, now)
    context["can_change"] = can_change
    if can_change:
        zone = ZoneInfo(booking.client_timezone)
        result = open_slots_for(
            service=booking.service,
            first=now.astimezone(zone).date(),
            last=now.astimezone(zone).date() + dt.timedelta(days=DAYS_SHOWN - 1),
            client_zone=zone,
            now=now,
            location=booking.location,
            practitioner_slug=booking.practitioner.slug,
            exclude_booking_id=booking.pk,
        )
        context["times"] = [
            s.start.astimezone(zone) for s in result.slots if s.start != booking.start
        ][:40]
    return render(request, "bookings/manage.html", context)


@never_cache
@require_POST
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    try:
        cancel_booking(booking=booking, now=timezone.now())
    except Refused as error:
        context = _booking_context(booking, token) | {"error": error.detail, "can_change": False}
        return render(request, "bookings/manage.html", context, status=error.status)
    return redirect(reverse("bookings:manage", args=[token]) + "?cancelled=1")


@never_cache
@require_POST
def reschedule(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    start = _parse_start(request.POST.get("start", ""))
    try:
        if start is None:
            raise SlotTaken("Please choose one of the times shown.")
        reschedule_booking(booking=booking, new_start=start, now=timezone.now())
    except Refused as error:
        context = _booking_context(booking, token) | {"error": error.detail, "can_change": False}
        return render(request, "bookings/manage.html", context, status=error.status)
    return redirect(reverse("bookings:manage", args=[token]) + "?moved=1")


@never_cache
def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    """The same calendar entry the emails carry (UID, SEQUENCE, video link)."""
    booking = _booking(token)
    response = HttpResponse(booking_ics(booking, now=timezone.now()), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response
