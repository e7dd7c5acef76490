"""JSON API for workshops: list, detail, register (idempotent) and cancel by manage token."""

from zoneinfo import ZoneInfo

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Router

from hearth.core.api import idempotency_key_of
from hearth.core.errors import NotFound, RateLimited
from hearth.core.proof_of_work import check_proof_header
from hearth.core.ratelimit import count_submission_made, submission_allowed
from hearth.core.schemas import ContactOk, ErrorOut, check_contact, location_code

from .actions import Attendee, cancel_registration, register
from .models import Registration, Workshop
from .queries import (
    effective_status,
    public_workshops,
    registration_for_token,
    waitlist_position,
    workshop_detail,
)
from .schemas import RegistrationIn, RegistrationOut, WorkshopOut
from .tokens import manage_url, registration_token

router = Router(tags=["workshops"])
ERRORS = {404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def workshop_body(workshop: Workshop, now) -> dict:
    zone = ZoneInfo(workshop.practitioner.timezone)
    sessions = [
        {"start": s.start.astimezone(zone).isoformat(), "end": s.end.astimezone(zone).isoformat()}
        for s in workshop.sessions.all()
    ]
    return {
        "slug": workshop.slug,
        "title": workshop.title,
        "status": effective_status(workshop, now=now),
        "capacity": workshop.capacity,
        "seats_left": workshop.seats_left,
        "waitlist_length": workshop.waitlisted,
        "sessions": sessions,
    }


def registration_body(registration: Registration) -> dict:
    return {
        "reference": registration.reference,
        "token": registration_token(registration.pk),
        "status": registration.status,
        "position": waitlist_position(registration),
        "manage_url": manage_url(registration),
    }


def _workshop(slug: str) -> Workshop:
    workshop = workshop_detail(slug)
    if workshop is None:
        raise NotFound("There is no workshop with this name.")
    return workshop


@router.get("workshops", response={200: list[WorkshopOut]})
def list_workshops(request: HttpRequest):
    now = timezone.now()
    return JsonResponse([workshop_body(w, now) for w in public_workshops(now=now)], safe=False)


@router.get("workshops/{slug}", response={200: WorkshopOut, 404: ErrorOut})
def get_workshop(request: HttpRequest, slug: str):
    return JsonResponse(workshop_body(_workshop(slug), timezone.now()))


def attendee_from(payload: RegistrationIn) -> Attendee:
    check_contact(
        name=payload.name,
        email=payload.email,
        timezone=payload.timezone,
        consent=payload.consent,
        to="register",
    )
    location = location_code(payload.location, required=True)
    contact = payload.contact_ok or ContactOk()
    return Attendee(
        name=payload.name.strip(),
        email=payload.email.strip(),
        location=location,
        timezone=payload.timezone,
        email_ok=contact.email,
        text_ok=contact.text,
        voicemail_ok=contact.voicemail,
    )


@router.post(
    "workshops/{slug}/registrations",
    response={201: RegistrationOut, 200: RegistrationOut, **ERRORS},
)
def create_registration(request: HttpRequest, slug: str, payload: RegistrationIn):
    workshop = _workshop(slug)
    attendee = attendee_from(payload)
    now = timezone.now()
    check_proof_header(request.headers, now=now)
    if not submission_allowed(request, email=attendee.email, now=now):
        raise RateLimited(
            "Too many requests. Please wait a minute and try again, or contact the practice.",
        )
    key = idempotency_key_of(request)
    result = register(workshop=workshop, attendee=attendee, now=now, idempotency_key=key)
    if result.created:
        count_submission_made(email=attendee.email, now=now)
    return JsonResponse(
        registration_body(result.registration), status=201 if result.created else 200
    )


def registration_for(token: str) -> Registration:
    registration = registration_for_token(token)
    if registration is None:
        raise NotFound("This link does not match a registration.")
    return registration


@router.get("registrations/{token}", response={200: RegistrationOut, 404: ErrorOut})
def get_registration(request: HttpRequest, token: str):
    return JsonResponse(registration_body(registration_for(token)))


@router.post("registrations/{token}/cancel", response={200: RegistrationOut, **ERRORS})
def cancel(request: HttpRequest, token: str):
    registration = cancel_registration(registration=registration_for(token), now=timezone.now())
    return JsonResponse(registration_body(registration))
