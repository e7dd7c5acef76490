"""Public workshop pages: the list, a workshop with its registration form (no JavaScript
needed), and the manage page to accept an offered seat or cancel."""

from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hearth.core.errors import Refused
from hearth.core.ratelimit import count_submission_made, limited_address, submission_allowed
from hearth.core.zones import zone_choices
from hearth.practice.fees import payment_text
from hearth.practice.models import Practice

from .actions import Attendee, accept_offer, cancel_registration, has_started, register
from .forms import RegistrationForm
from .models import Registration, RegistrationStatus, Workshop
from .notify import facts_for, workshop_ics
from .queries import (
    effective_status,
    public_workshops,
    registration_for_token,
    waitlist_position,
    where_workshop_offered,
    workshop_detail,
)
from .tokens import manage_url, registration_token


def _fee(workshop: Workshop) -> str:
    return payment_text(workshop.price_cents, workshop.currency, per="for all sessions")


def _sessions(workshop: Workshop, zone: ZoneInfo) -> list[tuple]:
    return [(s.start.astimezone(zone), s.end.astimezone(zone)) for s in workshop.sessions.all()]


def workshop_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    workshops = [
        {
            "workshop": w,
            "status": effective_status(w, now=now),
            "zone": w.practitioner.timezone,
            "sessions": _sessions(w, ZoneInfo(w.practitioner.timezone)),
        }
        for w in public_workshops(now=now)
    ]
    return render(request, "workshops/list.html", {"workshops": workshops})


@never_cache
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The workshop; POST registers, then redirects to the registration's own page."""
    workshop = workshop_detail(slug)
    if workshop is None:
        raise Http404("No workshop has this address.")
    now = timezone.now()
    zone_name = workshop.practitioner.timezone
    status = effective_status(workshop, now=now)
    context = {
        "workshop": workshop,
        "status": status,
        "zone_name": zone_name,
        "sessions": _sessions(workshop, ZoneInfo(zone_name)),
        "where_offered": where_workshop_offered(workshop),
        "fee": _fee(workshop),
    }
    if request.method != "POST":
        form = RegistrationForm(initial=RegistrationForm.new_initial() | {"tz": zone_name})
        return render(request, "workshops/detail.html", context | _form_context(form, zone_name))
    form = RegistrationForm(request.POST, address=limited_address(request))
    chosen_zone = request.POST.get("tz", "") or zone_name
    if not form.is_valid():
        return render(
            request,
            "workshops/detail.html",
            context | _form_context(form, chosen_zone),
            status=422,
        )
    data = form.cleaned_data
    if not submission_allowed(request, email=data["email"], now=now):
        context |= _form_context(form, chosen_zone) | {
            "error": "We received several requests in a short time. Please wait a minute and "
            "try again, or contact the practice."
        }
        return render(request, "workshops/detail.html", context, status=429)
    attendee = Attendee(
        name=data["name"].strip(),
        email=data["email"],
        location=data["location"],
        timezone=data["tz"],
        email_ok=data["email_ok"],
        text_ok=data["text_ok"],
        voicemail_ok=data["voicemail_ok"],
    )
    try:
        result = register(
            workshop=workshop, attendee=attendee, now=now, idempotency_key=f"form:{data['key']}"
        )
    except Refused as error:
        context |= _form_context(form, chosen_zone) | {"error": error.detail}
        return render(request, "workshops/detail.html", context, status=error.status)
    if result.created:
        count_submission_made(email=attendee.email, now=now)
    token = registration_token(result.registration.pk)
    return redirect(reverse("workshops:manage", args=[token]) + "?new=1")


def _form_context(form: RegistrationForm, zone_name: str) -> dict:
    return {"form": form, "zones": zone_choices(zone_name), "chosen_zone": zone_name}


def _registration(token: str) -> Registration:
    registration = registration_for_token(token)
    if registration is None:
        raise Http404("No registration matches this link.")
    return registration


def _manage_context(registration: Registration, token: str) -> dict:
    workshop = registration.workshop
    zone = ZoneInfo(registration.client_timezone)
    return {
        "registration": registration,
        "workshop": workshop,
        "token": token,
        "zone_name": registration.client_timezone,
        "sessions": _sessions(workshop, zone),
        "position": waitlist_position(registration),
        "offer_expires_at": registration.offer_expires_at.astimezone(zone)
        if registration.offer_expires_at
        else None,
        "manage_url": manage_url(registration),
        "fee": _fee(workshop),
        "can_cancel": registration.status != RegistrationStatus.CANCELLED
        and not has_started(workshop, timezone.now()),
        "practice": Practice.load(),
    }


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    return render(request, "workshops/manage.html", _manage_context(registration, token))


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks first (nothing changes); POST cancels, leaves the waitlist or declines."""
    registration = _registration(token)
    context = _manage_context(registration, token)
    if request.method == "GET":
        if not context["can_cancel"]:
            return redirect(reverse("workshops:manage", args=[token]))
        return render(request, "workshops/cancel.html", context)
    try:
        cancel_registration(registration=registration, now=timezone.now())
    except Refused as error:
        context |= {"error": error.detail}
        return render(request, "workshops/manage.html", context, status=error.status)
    return redirect(reverse("workshops:manage", args=[token]) + "?cancelled=1")


@never_cache
@require_POST
def accept(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    try:
        accept_offer(registration=registration, now=timezone.now())
    except Refused as error:
        registration.refresh_from_db()
        context = _manage_context(registration, token) | {"error": error.detail}
        return render(request, "workshops/manage.html", context, status=error.status)
    return redirect(reverse("workshops:manage", args=[token]) + "?accepted=1")


@never_cache
def calendar_file(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    cancelled = registration.status == RegistrationStatus.CANCELLED
    if registration.status in (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED):
        raise Http404("A calendar file comes with a confirmed seat.")
    ics = workshop_ics(
        facts_for(registration, "confirmed"), now=timezone.now(), cancelled=cancelled
    )
    response = HttpResponse(ics, content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="workshop.ics"'
    return response
