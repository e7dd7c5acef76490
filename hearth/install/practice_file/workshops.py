"""The practice file's `[[workshops]]` entries: read, written, taken from and stored to the
rows through `update_workshop`, which owns the workshop rules.

Times in the file are wall-clock in the practitioner's zone, without an offset (read with
fold=0, as DESIGN "Availability semantics" rule 1 does); rows hold aware UTC.
"""

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.practice.models import Practitioner
from hearth.workshops.editing import update_workshop
from hearth.workshops.models import Workshop

from .base import (
    PracticeFileError,
    Reader,
    entry_name,
    inline_table,
    read_currency,
    read_slug,
    toml_string,
    validation_messages,
)
from .locations import (
    FileLocations,
    apply_file_locations,
    file_locations,
    locations_line,
    read_locations,
)

WORKSHOP_KINDS = ("coaching", "clinical")
WORKSHOP_FORMATS = ("online", "in_person")
WORKSHOP_STATUSES = ("draft", "open", "full", "closed", "cancelled")
# Stands in for a missing time (wall time, no zone); the entry is refused anyway.
NO_TIME = dt.datetime(1, 1, 1)  # noqa: DTZ001
# Fields copied between an entry and its row as they are.
ROW_KEYS = (
    "title",
    "description",
    "kind",
    "format",
    "address",
    "video_url",
    "capacity",
    "price_cents",
    "currency",
    "offer_hold_hours",
    "status",
)
# How the file words a refusal by `update_workshop` (the admin words it for its own screens).
REFUSALS = {
    "capacity_below_seats": "capacity {capacity} is below the {seats_taken} seats already "
    "taken; cancel registrations in the admin first",
    "cancelled_with_registrations": "people have registered; cancel the workshop in the "
    "admin so that everyone is told",
}


@dataclass
class SessionEntry:
    start: dt.datetime  # wall time in the practitioner's zone (naive)
    end: dt.datetime


@dataclass
class WorkshopEntry:
    slug: str
    title: str
    practitioner: str
    capacity: int
    registration_deadline: dt.datetime  # wall time in the practitioner's zone (naive)
    sessions: list[SessionEntry]
    description: str = ""
    kind: str = "coaching"
    locations: FileLocations = "US"
    format: str = "online"
    address: str = ""
    video_url: str = ""
    price_cents: int = 0
    currency: str = "USD"
    offer_hold_hours: int = 0
    status: str = "draft"


# --- reading --------------------------------------------------------------------------


def _read_wall_time(reader: Reader, key: str, value: Any) -> dt.datetime | None:
    if value is None:
        reader.error(f'"{key}" is required')
        return None
    if not isinstance(value, dt.datetime) or value.tzinfo is not None:
        reader.error(
            f'"{key}" must be a wall time in the practitioner\'s zone written like '
            "2027-04-10T09:00:00 (no quotes, no offset)"
        )
        return None
    return value


def _read_sessions(reader: Reader) -> list[SessionEntry]:
    items = reader.get("sessions", list, label="a list of { start = ..., end = ... }")
    if items is None:
        return []
    if not items:
        reader.error('"sessions" needs at least one session')
    sessions = []
    for index, item in enumerate(items):
        label = f"sessions[{index}]"
        if not isinstance(item, dict) or set(item) != {"start", "end"}:
            reader.error(f"{label} must be {{ start = 2027-04-10T09:00:00, end = ... }}")
            continue
        start = _read_wall_time(reader, f"{label}.start", item["start"])
        end = _read_wall_time(reader, f"{label}.end", item["end"])
        if start and end and end <= start:
            reader.error(
                f"{label} ends ({end.isoformat()}) before it starts ({start.isoformat()})"
            )
        elif start and end:
            sessions.append(SessionEntry(start, end))
    ordered = sorted(sessions, key=lambda session: session.start)
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            reader.error(
                f"sessions starting {before.start.isoformat()} and {after.start.isoformat()} "
                "overlap"
            )
    return ordered


def read_workshop(table: Any, where: str, messages: list[str]) -> WorkshopEntry:
    reader = Reader(table, entry_name(table, where), messages)
    reader.reject_unknown(set(WorkshopEntry.__dataclass_fields__))
    choices = {"kind": WORKSHOP_KINDS, "format": WORKSHOP_FORMATS, "status": WORKSHOP_STATUSES}
    chosen = {}
    for key, allowed in choices.items():
        value = reader.text(key, WorkshopEntry.__dataclass_fields__[key].default)
        if value is not None and value not in allowed:
            reader.error(f'"{key}" must be one of {", ".join(allowed)} (got "{value}")')
        chosen[key] = value or ""
    currency = read_currency(reader)
    address = reader.text("address", "") or ""
    if chosen["format"] == "in_person" and not address.strip():
        reader.error('"address" is required when "format" is "in_person"')
    video_url = reader.text("video_url", "") or ""
    if video_url and not video_url.startswith("https://"):
        reader.error(f'"video_url" must be an https:// address (got "{video_url}")')
    sessions = _read_sessions(reader)
    deadline = _read_wall_time(
        reader, "registration_deadline", reader.table.get("registration_deadline")
    )
    if deadline and sessions and deadline > sessions[0].start:
        reader.error(
            f'"registration_deadline" ({deadline.isoformat()}) is after the first session '
            f"starts ({sessions[0].start.isoformat()})"
        )
    return WorkshopEntry(
        slug=read_slug(reader),
        title=reader.text("title") or "",
        description=reader.text("description", "") or "",
        practitioner=reader.text("practitioner") or "",
        kind=chosen["kind"],
        locations=read_locations(reader),
        format=chosen["format"],
        address=address,
        video_url=video_url,
        capacity=reader.count("capacity", minimum=1) or 1,
        price_cents=reader.count("price_cents", 0) or 0,
        currency=currency,
        registration_deadline=deadline or NO_TIME,
        offer_hold_hours=reader.count("offer_hold_hours", 0) or 0,
        status=chosen["status"],
        sessions=sessions,
    )


# --- writing ----------------------------------------------------------------------------


def wall_time_text(value: dt.datetime) -> str:
    """A wall time as the file writes it: 2027-04-10T09:00:00 (no offset)."""
    return value.replace(tzinfo=None).isoformat(timespec="seconds")


def workshop_lines(workshop: WorkshopEntry) -> list[str]:
    lines = [
        f"{key} = {toml_string(getattr(workshop, key))}"
        for key in ("slug", "title", "description", "practitioner", "kind")
    ]
    lines += [
        locations_line(workshop.locations),
        f"format = {toml_string(workshop.format)}",
        f"address = {toml_string(workshop.address)}",
        f"video_url = {toml_string(workshop.video_url)}",
        f"capacity = {workshop.capacity}",
        f"price_cents = {workshop.price_cents}",
        f"currency = {toml_string(workshop.currency)}",
        f"registration_deadline = {wall_time_text(workshop.registration_deadline)}",
        f"offer_hold_hours = {workshop.offer_hold_hours}",
        f"status = {toml_string(workshop.status)}",
        "sessions = [",
    ]
    for session in sorted(workshop.sessions, key=lambda s: s.start):
        pairs = [("start", wall_time_text(session.start)), ("end", wall_time_text(session.end))]
        lines.append(f"  {inline_table(pairs)},")
    lines.append("]")
    return lines


# --- rows -------------------------------------------------------------------------------


def instant_from_wall_time(wall: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Aware UTC for a wall time in `zone` (the earlier of a repeated hour)."""
    return wall.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)


def wall_time_in(instant: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The naive wall time an aware instant shows in `zone`."""
    return instant.astimezone(zone).replace(tzinfo=None)


def workshop_entry(workshop: Workshop) -> WorkshopEntry:
    zone = ZoneInfo(workshop.practitioner.timezone)
    return WorkshopEntry(
        slug=workshop.slug,
        practitioner=workshop.practitioner.slug,
        **{key: getattr(workshop, key) for key in ROW_KEYS},
        locations=file_locations(workshop),
        registration_deadline=wall_time_in(workshop.registration_deadline, zone),
        sessions=[
            SessionEntry(wall_time_in(s.start, zone), wall_time_in(s.end, zone))
            for s in sorted(workshop.sessions.all(), key=lambda s: s.start)
        ],
    )


def workshop_entries() -> list[WorkshopEntry]:
    workshops = Workshop.objects.select_related("practitioner").prefetch_related("sessions")
    return [workshop_entry(w) for w in workshops.order_by("slug")]


def store_workshop(entry: WorkshopEntry) -> tuple[WorkshopEntry | None, WorkshopEntry]:
    """Create or update one workshop and replace its sessions (inside the caller's
    transaction). Returns the entry as it was (None when new) and as it is now."""
    where = f'workshops "{entry.slug}"'
    practitioner = Practitioner.objects.filter(slug=entry.practitioner).first()
    if practitioner is None:
        raise PracticeFileError([f"{where}: no practitioner with the slug '{entry.practitioner}'"])
    zone = ZoneInfo(practitioner.timezone)
    workshop = Workshop.objects.select_related("practitioner").filter(slug=entry.slug).first()
    before = workshop_entry(workshop) if workshop else None
    if workshop is None:
        workshop = Workshop(slug=entry.slug)
    workshop.practitioner = practitioner
    for key in ROW_KEYS:
        setattr(workshop, key, getattr(entry, key))
    apply_file_locations(workshop, entry.locations)
    workshop.registration_deadline = instant_from_wall_time(entry.registration_deadline, zone)
    sessions = [
        (instant_from_wall_time(s.start, zone), instant_from_wall_time(s.end, zone))
        for s in entry.sessions
    ]
    try:
        workshop = update_workshop(
            workshop=workshop, sessions=sessions, actor="practice file", now=timezone.now()
        )
    except ValidationError as error:
        raise PracticeFileError(_refusal_messages(error, where)) from error
    return before, workshop_entry(workshop)


def _refusal_messages(error: ValidationError, where: str) -> list[str]:
    messages = []
    for name, problems in error.error_dict.items():
        for problem in problems:
            if problem.code in REFUSALS:
                wording = REFUSALS[problem.code].format(**(problem.params or {}))
                messages.append(f"{where}: {wording}")
            else:
                messages += validation_messages(ValidationError({name: [problem]}), where)
    return messages
