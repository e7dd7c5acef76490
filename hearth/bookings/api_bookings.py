"""JSON API for bookings: create (idempotent), read, cancel and reschedule by manage token."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Router

from hearth.core.api import ApiError
from hearth.core.jurisdictions import US_CODES
from hearth.core.ratelimit import submission_allowed
from hearth.practice.models import Service
from hearth.practice.validators import known_time_zones

from .actions import ClientDetails, book_slot, cancel_booking, reschedule_booking
from .errors import BookingRefused, SlotTaken
from .models import Booking
from .schemas import BookingIn, BookingOut, ContactOk, ErrorOut, RescheduleIn, TakenOut
from .tokens import booking_id_from_token, manage_token

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
        "manage_url": f"{settings.HEARTH_SITE_URL}/book/manage/{token}/",
    }


def refusal(error: BookingRefused, zone: ZoneInfo | None = None) -> JsonResponse:
    body: dict = {"code": error.code, "detail": error.detail}
    if isinstance(error, SlotTaken):
        body["alternatives"] = [
            {"start": slot.start.astimezone(zone).isoformat(),
             "end": slot.end.astimezone(zone).isoformat(),
             "practitioners": list(slot.practitioners)}
            for slot in error.alternatives
        ]  # fmt: skip
    return JsonResponse(body, status=error.status)


def parse_start(value: str) -> dt.datetime:
    try:
        start = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ApiError(422, "invalid", "start must be an ISO 8601 time with an offset.") from None
    if start.tzinfo is None or start.utcoffset() is None:
        raise ApiError(422, "invalid", "start must carry a UTC offset, e.g. +00:00.")
    return start.astimezone(dt.UTC)


def client_from(payload: BookingIn) -> ClientDetails:
    if not payload.consent:
        raise ApiError(422, "invalid", "Please agree to the privacy notice to book.")
    if not payload.name.strip():
        raise ApiError(422, "invalid", "Please give a name (a first name is fine).")
    try:
        validate_email(payload.email)
    except DjangoValidationError:
        raise ApiError(422, "invalid", "Please give an email address we can write to.") from None
    if payload.timezone not in known_time_zones():
        raise ApiError(422, "invalid", "timezone must be a name such as America/Los_Angeles.")
    location = (payload.location or "").strip().upper()
    if location and location not in US_CODES:
        raise ApiError(422, "invalid", "location must be a US state, DC or territory code.")
    contact = payload.contact_ok or ContactOk()
    return ClientDetails(
        name=payload.name.strip(), email=payload.email.strip(),
        phone=(payload.phone or "").strip(),
        location=location, timezone=payload.timezone, email_ok=contact.email,
        text_ok=contact.text, voicemail_ok=contact.voicemail,
        message=(payload.message or "").strip(),
    )  # fmt: skip


def check_rate_limits(request: HttpRequest, email: str, now: dt.datetime) -> None:
    if not submission_allowed(request, email=email, now=now):
        raise ApiError(
            429, "rate_limited",
            "Too many booking requests. Please wait a minute and try again, "
            "or contact the practice.",
        )  # fmt: skip


@router.post("bookings", response={201: BookingOut, 200: BookingOut, **ERRORS})
def create_booking(request: HttpRequest, payload: BookingIn):
    service = Service.objects.filter(slug=payload.service).first()
    if service is None:
        raise ApiError(404, "not_found", "There is no service with this name.")
    client = client_from(payload)
    start = parse_start(payload.start)
    now = timezone.now()
    check_rate_limits(request, client.email, now)
    key = request.headers.get("Idempotency-Key", "").replace("\x00", "").strip()[:100] or None
    try:
        result = book_slot(service=service, start=start, client=client, now=now,
                           practitioner_slug=payload.practitioner or None,
                           idempotency_key=key)  # fmt: skip
    except BookingRefused as error:
        return refusal(error, ZoneInfo(client.timezone))
    return JsonResponse(booking_body(result.booking), status=201 if result.created else 200)


def booking_for(token: str) -> Booking:
    booking_id = booking_id_from_token(token)
    booking = (
        Booking.objects.select_related("service", "practitioner").filter(pk=booking_id).first()
        if booking_id
        else None
    )
    if booking is None:
        raise ApiError(404, "not_found", "This link does not match a booking.")
    return booking


@router.get("bookings/{token}", response={200: BookingOut, 404: ErrorOut})
def get_booking(request: HttpRequest, token: str):
    return JsonResponse(booking_body(booking_for(token)))


@router.post("bookings/{token}/cancel", response={200: BookingOut, **ERRORS})
def cancel(request: HttpRequest, token: str):
    try:
        booking = cancel_booking(booking=booking_for(token), now=timezone.now())
    except BookingRefused as error:
        return refusal(error)
    return JsonResponse(booking_body(booking))


@router.post("bookings/{token}/reschedule", response={200: BookingOut, **ERRORS})
def reschedule(request: HttpRequest, token: str, payload: RescheduleIn):
    booking = booking_for(token)
    try:
        moved = reschedule_booking(booking=booking, new_start=parse_start(payload.start),
                                   now=timezone.now())  # fmt: skip
    except BookingRefused as error:
        return refusal(error, ZoneInfo(booking.client_timezone))
    return JsonResponse(booking_body(moved))
