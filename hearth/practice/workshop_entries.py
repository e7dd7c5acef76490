"""The practice file's `[[workshops]]` entries: read and checked into plain entries, and
written back (times are wall-clock in the practitioner's zone, without an offset)."""

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from .practice_file import (
    CURRENCY,
    _entry_name,
    _inline,
    _read_locations,
    _read_slug,
    _Reader,
    _string,
)

WORKSHOP_KINDS = ("coaching", "clinical")
WORKSHOP_FORMATS = ("online", "in_person")
WORKSHOP_STATUSES = ("draft", "open", "full", "closed", "cancelled")
# Stands in for a missing time (wall time, no zone); the entry is refused anyway.
NO_TIME = dt.datetime(1, 1, 1)  # noqa: DTZ001


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
    locations: str | list[str] = "US"
    format: str = "online"
    address: str = ""
    video_url: str = ""
    price_cents: int = 0
    currency: str = "USD"
    offer_hold_hours: int = 0
    status: str = "draft"


def _read_wall_time(reader: _Reader, key: str, value: Any) -> dt.datetime | None:
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


def _read_sessions(reader: _Reader) -> list[SessionEntry]:
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
    reader = _Reader(table, _entry_name(table, where), messages)
    reader.reject_unknown(set(WorkshopEntry.__dataclass_fields__))
    choices = {"kind": WORKSHOP_KINDS, "format": WORKSHOP_FORMATS, "status": WORKSHOP_STATUSES}
    chosen = {}
    for key, allowed in choices.items():
        value = reader.text(key, WorkshopEntry.__dataclass_fields__[key].default)
        if value is not None and value not in allowed:
            reader.error(f'"{key}" must be one of {", ".join(allowed)} (got "{value}")')
        chosen[key] = value or ""
    currency = reader.text("currency", "USD") or "USD"
    if not CURRENCY.match(currency):
        reader.error(f'"currency" must be a three-letter code such as USD (got "{currency}")')
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
        slug=_read_slug(reader),
        title=reader.text("title") or "",
        description=reader.text("description", "") or "",
        practitioner=reader.text("practitioner") or "",
        kind=chosen["kind"],
        locations=_read_locations(reader),
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


def _locations_line(locations: str | list[str]) -> str:
    if isinstance(locations, str):
        return f"locations = {_string(locations)}"
    return "locations = [" + ", ".join(_string(code) for code in locations) + "]"


def _wall(value: dt.datetime) -> str:
    return value.replace(tzinfo=None).isoformat(timespec="seconds")


def workshop_lines(workshop: WorkshopEntry) -> list[str]:
    lines = [
        f"{key} = {_string(getattr(workshop, key))}"
        for key in ("slug", "title", "description", "practitioner", "kind")
    ]
    lines += [
        _locations_line(workshop.locations),
        f"format = {_string(workshop.format)}",
        f"address = {_string(workshop.address)}",
        f"video_url = {_string(workshop.video_url)}",
        f"capacity = {workshop.capacity}",
        f"price_cents = {workshop.price_cents}",
        f"currency = {_string(workshop.currency)}",
        f"registration_deadline = {_wall(workshop.registration_deadline)}",
        f"offer_hold_hours = {workshop.offer_hold_hours}",
        f"status = {_string(workshop.status)}",
        "sessions = [",
    ]
    for session in sorted(workshop.sessions, key=lambda s: s.start):
        pairs = [("start", _wall(session.start)), ("end", _wall(session.end))]
        lines.append(f"  {_inline(pairs)},")
    lines.append("]")
    return lines
