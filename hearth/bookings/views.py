"""The public booking flow: service → where you are → a day and a time in your zone →
details (with a summary of what is booked) → confirmation. Works without JavaScript (links,
forms and redirects). The manage page lives in `manage_views.py`."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from hearth.core.errors import Refused
from hearth.core.jurisdictions import CHOICES as JURISDICTION_CHOICES
from hearth.core.ratelimit import count_submission_made, limited_address, submission_allowed
from hearth.core.zones import known_time_zones, zone_choices
from hearth.practice.fees import amount_text, payment_text
from hearth.practice.models import Practice, Practitioner, Service
from hearth.workshops.queries import effective_status, public_workshops

from .actions import ClientDetails, book_slot
from .day_picker import build_picker, picker_links
from .errors import SlotTaken
from .forms import DetailsForm, WhereForm
from .queries import open_slots_for, other_services_offered
from .tokens import manage_token


def practice_zone_name() -> str:
    return Practice.load().timezone


def zone_label(zone_name: str) -> str:
    """ "Eastern time (America/New_York)", or the zone's own name when it has no short one."""
    label = dict(zone_choices(zone_name)).get(zone_name, zone_name)
    return f"{label} ({zone_name})" if label.replace(" ", "_") != zone_name else zone_name


def services_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    services = [
        (service, amount_text(service.price_cents, service.currency))
        for service in Service.objects.order_by("price_cents", "name")
    ]
    workshops = [
        (
            workshop,
            effective_status(workshop, now=now),
            amount_text(workshop.price_cents, workshop.currency),
        )
        for workshop in public_workshops(now=now)
    ]
    return render(
        request, "bookings/services.html", {"services": services, "workshops": workshops}
    )


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
        "fee": payment_text(service.price_cents, service.currency, per="per session"),
    }
    if not form.is_bound or not form.is_valid():
        return render(request, "bookings/choose_time.html", context)
    location = form.cleaned_data["location"]
    zone_name = form.cleaned_data["tz"] or practice_zone_name()
    now = timezone.now()
    picker = build_picker(
        service=service,
        zone=ZoneInfo(zone_name),
        now=now,
        week=request.GET.get("week"),
        date=request.GET.get("date"),
        location=location,
    )
    alternatives = (
        []
        if picker.location_covered
        else other_services_offered(besides=service, location=location, now=now)
    )
    context |= {
        "location": location,
        "location_name": dict(JURISDICTION_CHOICES).get(location, location),
        "zone_name": zone_name,
        "zone_label": zone_label(zone_name),
        "zones": zone_choices(zone_name),
        "notice": picker.notice,
        "alternatives": alternatives,
    } | picker_links(
        picker,
        page=reverse("bookings:choose_time", args=[slug]),
        keep={"location": location, "tz": zone_name},
        time_page=reverse("bookings:details", args=[slug]),
    )
    return render(request, "bookings/choose_time.html", context)


def parse_start(value: str) -> dt.datetime | None:
    try:
        start = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return start.astimezone(dt.UTC) if start.tzinfo else None


def _with_whom(service: Service, start: dt.datetime, zone: ZoneInfo, location: str) -> str:
    """Who can take the time now: one name, or "A or B"; empty when it is no longer open."""
    day = start.astimezone(zone).date()
    result = open_slots_for(
        service=service,
        first=day,
        last=day,
        client_zone=zone,
        now=timezone.now(),
        location=location,
    )
    slugs = next((slot.practitioners for slot in result.slots if slot.start == start), ())
    names = dict(Practitioner.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return " or ".join(names[slug] for slug in slugs if slug in names)


def _details_page(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    """The form under its summary; who the time is with is looked up only to show it."""
    service, start = context["service"], context["start"]
    zone = ZoneInfo(context["zone_name"])
    with_whom = _with_whom(service, start, zone, context["location"])
    return render(
        request, "bookings/details.html", context | {"with_whom": with_whom}, status=status
    )


@never_cache
def details(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 3: who you are and how we may contact you, under a summary of what is about to be
    booked; POST books (then redirects)."""
    service = get_object_or_404(Service, slug=slug)
    source = request.POST if request.method == "POST" else request.GET
    start = parse_start(source.get("start", ""))
    location = source.get("location", "")
    zone_name = source.get("tz", "") or practice_zone_name()
    if start is None or not location or zone_name not in known_time_zones():
        return redirect(reverse("bookings:choose_time", args=[slug]))
    zone = ZoneInfo(zone_name)
    local_start = start.astimezone(zone)
    context = {
        "service": service,
        "start": local_start,
        "end": local_start + dt.timedelta(minutes=service.duration_minutes),
        "location": location,
        "location_name": dict(JURISDICTION_CHOICES).get(location, location),
        "zone_name": zone_name,
        "zone_label": zone_label(zone_name),
        "start_value": start.isoformat(),
        "fee": payment_text(service.price_cents, service.currency, per="per session"),
    }
    if request.method != "POST":
        form = DetailsForm(initial=DetailsForm.new_initial())
        return _details_page(request, context | {"form": form})
    form = DetailsForm(request.POST, address=limited_address(request))
    if not form.is_valid():
        return _details_page(request, context | {"form": form}, status=422)
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
        return _details_page(request, context, status=error.status)
    if result.created:
        count_submission_made(email=client.email, now=now)
        request.session[EMAIL_SHOWN_ONCE] = result.booking.pk
    return redirect(reverse("bookings:done", args=[manage_token(result.booking.pk)]))


# The session key naming the booking whose confirmation may show its email address once.
EMAIL_SHOWN_ONCE = "hearth.bookings.email_shown_once"
