"""JSON API for bookings: create (idempotent), read, cancel and reschedule by manage token."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Router

from hearth.core.api import idempotency_key_of
from hearth.core.errors import Invalid, NotFound, RateLimited, Refused
from hearth.core.proof_of_work import check_proof_header
from hearth.core.ratelimit import count_submission_made, submission_allowed
from hearth.core.schemas import ContactOk, ErrorOut, check_contact, location_code
from hearth.practice.models import Service

from .actions import ClientDetails, book_slot, cancel_booking, reschedule_booking
from .errors import SlotTaken
from .intake_links import intake_url_of
from .models import Booking
from .queries import booking_for_token
from .schemas import BookingIn, BookingOut, RescheduleIn, TakenOut
from .tokens import manage_token, manage_url

router = Router(tags=["bookings"])
ERRORS = {404: ErrorOut, 409: TakenOut | ErrorOut, 422: ErrorOut, 429: ErrorOut}


def booking_body(booking: Booking) -> dict:
    zone = ZoneInfo(booking.client_timezone)
    token = manage_token(booking.pk)
    return {
        "reference": booking.reference,
        "token": token,
        "status": booking.status,
        "start": booking.start.astimezone(zone).isoformat(),
        "end": booking.end.astimezone(zone).isoformat(),
        "practitioner": booking.practitioner.slug,
        "manage_url": manage_url(booking),
        "intake_url": intake_url_of(booking),
    }


def refusal(error: Refused, zone: ZoneInfo) -> JsonResponse:
    """The refusal as JSON; a taken time also lists nearby free times in `zone`."""
    body: dict = {"code": error.code, "detail": error.detail}
    if isinstance(error, SlotTaken):
        body["alternatives"] = [
            {
                "start": slot.start.astimezone(zone).isoformat(),
                "end": slot.end.astimezone(zone).isoformat(),
                "practitioners": list(slot.practitioners),
            }
            for slot in error.alternatives
        ]
    return JsonResponse(body, status=error.status)


def parse_start(value: str) -> dt.datetime:
    try:
        start = dt.datetime.fromisoformat(value)
    except ValueError:
        raise Invalid("start must be an ISO 8601 time with an offset.") from None
    if start.tzinfo is None or start.utcoffset() is None:
        raise Invalid("start must carry a UTC offset, e.g. +00:00.")
    return start.astimezone(dt.UTC)


def client_from(payload: BookingIn) -> ClientDetails:
    check_contact(
        name=payload.name,
        email=payload.email,
        timezone=payload.timezone,
        consent=payload.consent,
        to="book",
    )
    location = location_code(payload.location, required=False)
    contact = payload.contact_ok or ContactOk()
    return ClientDetails(
        name=payload.name.strip(),
        email=payload.email.strip(),
        phone=(payload.phone or "").strip(),
        location=location,
        timezone=payload.timezone,
        email_ok=contact.email,
        text_ok=contact.text,
        voicemail_ok=contact.voicemail,
        message=(payload.message or "").strip(),
    )


def check_rate_limits(request: HttpRequest, email: str, now: dt.datetime) -> None:
    check_proof_header(request.headers, now=now)
    if not submission_allowed(request, email=email, now=now):
        raise RateLimited(
            "Too many booking requests. Please wait a minute and try again, "
            "or contact the practice.",
        )


@router.post("bookings", response={201: BookingOut, 200: BookingOut, **ERRORS})
def create_booking(request: HttpRequest, payload: BookingIn):
    service = Service.objects.filter(slug=payload.service).first()
    if service is None:
        raise NotFound("There is no service with this name.")
    client = client_from(payload)
    start = parse_start(payload.start)
    now = timezone.now()
    check_rate_limits(request, client.email, now)
    key = idempotency_key_of(request)
    try:
        result = book_slot(
            service=service,
            start=start,
            client=client,
            now=now,
            practitioner_slug=payload.practitioner or None,
            idempotency_key=key,
        )
    except Refused as error:
        return refusal(error, ZoneInfo(client.timezone))
    if result.created:
        count_submission_made(email=client.email, now=now)
    return JsonResponse(booking_body(result.booking), status=201 if result.created else 200)


def booking_for(token: str) -> Booking:
    booking = booking_for_token(token)
    if booking is None:
        raise NotFound("This link does not match a booking.")
    return booking


@router.get("bookings/{token}", response={200: BookingOut, 404: ErrorOut})
def get_booking(request: HttpRequest, token: str):
    return JsonResponse(booking_body(booking_for(token)))


@router.post("bookings/{token}/cancel", response={200: BookingOut, **ERRORS})
def cancel(request: HttpRequest, token: str):
    booking = cancel_booking(booking=booking_for(token), now=timezone.now())
    return JsonResponse(booking_body(booking))


@router.post("bookings/{token}/reschedule", response={200: BookingOut, **ERRORS})
def reschedule(request: HttpRequest, token: str, payload: RescheduleIn):
    booking = booking_for(token)
    try:
        moved = reschedule_booking(
            booking=booking, new_start=parse_start(payload.start), now=timezone.now()
        )
    except Refused as error:
        return refusal(error, ZoneInfo(booking.client_timezone))
    return JsonResponse(booking_body(moved))
