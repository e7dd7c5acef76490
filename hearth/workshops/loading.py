"""The practice file's workshops as rows: store an entry, and read a workshop back as one.

Times in the file are wall-clock in the practitioner's zone (read with fold=0,
as DESIGN "Availability semantics" rule 1 does); rows hold aware UTC.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from hearth.practice.models import LocationPolicy, Practitioner
from hearth.practice.practice_file import PracticeFileError
from hearth.practice.workshop_entries import SessionEntry, WorkshopEntry

from .models import HOLDING_A_SEAT, Registration, Workshop, WorkshopSession, WorkshopStatus


def _aware(wall: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return wall.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)


def _wall(instant: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


def workshop_entry(workshop: Workshop) -> WorkshopEntry:
    zone = ZoneInfo(workshop.practitioner.timezone)
    locations: str | list[str] = (
        workshop.listed_codes
        if workshop.location_policy == LocationPolicy.LIST
        else str(workshop.location_policy)
    )
    return WorkshopEntry(
        slug=workshop.slug,
        title=workshop.title,
        description=workshop.description,
        practitioner=workshop.practitioner.slug,
        kind=workshop.kind,
        locations=locations,
        format=workshop.format,
        address=workshop.address,
        video_url=workshop.video_url,
        capacity=workshop.capacity,
        price_cents=workshop.price_cents,
        currency=workshop.currency,
        registration_deadline=_wall(workshop.registration_deadline, zone),
        offer_hold_hours=workshop.offer_hold_hours,
        status=workshop.status,
        sessions=[
            SessionEntry(_wall(s.start, zone), _wall(s.end, zone))
            for s in sorted(workshop.sessions.all(), key=lambda s: s.start)
        ],
    )


def workshop_entries() -> list[WorkshopEntry]:
    workshops = Workshop.objects.select_related("practitioner").prefetch_related("sessions")
    return [workshop_entry(w) for w in workshops.order_by("slug")]


def load_workshop(entry: WorkshopEntry) -> tuple[WorkshopEntry | None, WorkshopEntry]:
    """Create or update one workshop and replace its sessions (inside the caller's
    transaction). Returns the entry as it was (None when new) and as it is now."""
    where = f'workshops "{entry.slug}"'
    practitioner = Practitioner.objects.filter(slug=entry.practitioner).first()
    if practitioner is None:
        raise PracticeFileError([f"{where}: no practitioner with the slug '{entry.practitioner}'"])
    zone = ZoneInfo(practitioner.timezone)
    workshop = Workshop.objects.select_for_update().filter(slug=entry.slug).first()
    before = workshop_entry(workshop) if workshop else None
    if workshop is None:
        workshop = Workshop(slug=entry.slug)
    _check_change(workshop, entry, where)
    workshop.practitioner = practitioner
    for key in ("title", "description", "kind", "format", "address", "video_url", "capacity",
                "price_cents", "currency", "offer_hold_hours", "status"):  # fmt: skip
        setattr(workshop, key, getattr(entry, key))
    if isinstance(entry.locations, list):
        workshop.location_policy = LocationPolicy.LIST
        workshop.location_codes = ", ".join(entry.locations)
    else:
        workshop.location_policy, workshop.location_codes = entry.locations, ""
    workshop.registration_deadline = _aware(entry.registration_deadline, zone)
    _full_clean(workshop, where, exclude=["practitioner"])
    workshop.save()
    workshop.sessions.all().delete()
    WorkshopSession.objects.bulk_create(
        WorkshopSession(workshop=workshop, start=_aware(s.start, zone), end=_aware(s.end, zone))
        for s in entry.sessions
    )
    if before is not None and entry.capacity > before.capacity:
        from .actions import fill_free_seats  # seats added: the waitlist moves up

        fill_free_seats(workshop=workshop, now=timezone.now())
    workshop.refresh_from_db()
    return before, workshop_entry(workshop)


def _check_change(workshop: Workshop, entry: WorkshopEntry, where: str) -> None:
    if workshop.pk is None:
        return
    if entry.capacity < workshop.seats_taken:
        raise PracticeFileError(
            [f"{where}: capacity {entry.capacity} is below the {workshop.seats_taken} seats "
             "already taken; cancel registrations in the admin first"]
        )  # fmt: skip
    active = Registration.objects.filter(
        Q(workshop=workshop),
        Q(status__in=HOLDING_A_SEAT) | Q(status="waitlisted"),
    ).exists()
    if entry.status == WorkshopStatus.CANCELLED != workshop.status and active:
        raise PracticeFileError(
            [f"{where}: people have registered; cancel the workshop in the admin so that "
             "everyone is told"]
        )  # fmt: skip


def _full_clean(instance, where: str, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as error:
        raise PracticeFileError(
            [
                f"{where}: {name}: {message}" if name != "__all__" else f"{where}: {message}"
                for name, problems in error.message_dict.items()
                for message in problems
            ]
        ) from error
