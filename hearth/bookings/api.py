"""JSON API for services and their open slots (thin: parse, call a query, shape the answer)."""

import datetime as dt
import zoneinfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema

from hearth.core.errors import Invalid, NotFound
from hearth.core.schemas import ErrorOut, Text, location_code
from hearth.core.zones import known_time_zones
from hearth.practice.models import Practitioner, Service, ServiceKind
from hearth.practice.rules_cache import ServiceRulesSnapshot, service_rules_snapshot
from hearth.scheduling import MAX_RANGE_DAYS, InvalidRange

from .errors import LocationRequired
from .queries import locations_today, open_slots_for
from .schemas import ServiceOut, SlotsOut
from .slots_json import slots_json

router = Router(tags=["services"])
INVALID = (422, ErrorOut)


class SlotsQuery(Schema):
    start: str
    end: str
    tz: str
    location: Text | None = None
    practitioner: Text | None = None


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{name} must be a date like 2027-03-14.") from None


def _zone(name: str) -> zoneinfo.ZoneInfo:
    if name not in known_time_zones():
        raise Invalid("tz must be a time zone name such as America/Los_Angeles.")
    return zoneinfo.ZoneInfo(name)


def _service_rules(slug: str) -> ServiceRulesSnapshot:
    snapshot = service_rules_snapshot(slug)
    if snapshot is None:
        raise NotFound("There is no service with this name.")
    return snapshot


@router.get("services", response={200: list[ServiceOut]})
def list_services(request: HttpRequest):
    services = Service.objects.prefetch_related("practitioners__licenses").order_by("name")
    now = timezone.now()
    return [
        ServiceOut(
            slug=service.slug,
            name=service.name,
            kind=service.kind,
            duration_minutes=service.duration_minutes,
            price_cents=service.price_cents,
            currency=service.currency,
            locations=sorted(locations_today(service, list(service.practitioners.all()), now=now)),
        )
        for service in services
    ]


@router.get("services/{slug}/slots", response={200: SlotsOut, 404: ErrorOut, 422: ErrorOut})
def service_slots(request: HttpRequest, slug: str, query: Query[SlotsQuery]):
    rules = _service_rules(slug)
    service = rules.service
    first, last = _date(query.start, "start"), _date(query.end, "end")
    zone = _zone(query.tz)
    if last < first:
        raise Invalid("end must be on or after start.")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise Invalid(f"Ask for at most {MAX_RANGE_DAYS} dates at a time.")
    location = location_code(query.location, required=False) or None
    if location is None and service.kind == ServiceKind.CLINICAL:
        raise LocationRequired("Say where you will be during the session (location=WA).")
    if query.practitioner and rules.practitioner(query.practitioner) is None:
        if Practitioner.objects.filter(slug=query.practitioner).exists():
            detail = "This practitioner does not offer this service."
        else:
            detail = "There is no practitioner with this name."
        raise Invalid(detail)
    try:
        result = open_slots_for(
            service=service,
            first=first,
            last=last,
            client_zone=zone,
            now=timezone.now(),
            location=location,
            practitioner_slug=query.practitioner or None,
            practitioners=rules.practitioners,
        )
    except (InvalidRange, OverflowError):
        raise Invalid("These dates cannot be searched.") from None
    return HttpResponse(
        slots_json(service.slug, query.tz, result.starts, result.duration, zone, result.notice),
        content_type="application/json",
    )
