"""The practice file's `[[services]]` entries: read, written, taken from and stored to the
rows."""

from dataclasses import dataclass, field
from typing import Any

from hearth.practice.models import Practitioner, Service

from .base import (
    PracticeFileError,
    Reader,
    entry_name,
    full_clean_or_refuse,
    read_currency,
    read_slug,
    toml_string,
)
from .locations import (
    FileLocations,
    apply_file_locations,
    file_locations,
    locations_line,
    read_locations,
)

KINDS = ("consultation", "clinical", "coaching")
# Fields copied between an entry and its row as they are.
ROW_KEYS = (
    "name",
    "description",
    "kind",
    "duration_minutes",
    "interval_minutes",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "minimum_notice_minutes",
    "horizon_days",
    "daily_limit",
    "cancel_cutoff_hours",
    "reminder_hours",
    "price_cents",
    "currency",
)


@dataclass
class ServiceEntry:
    slug: str
    name: str
    kind: str
    duration_minutes: int
    description: str = ""
    interval_minutes: int | None = None
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    minimum_notice_minutes: int = 720
    horizon_days: int = 60
    daily_limit: int | None = None
    cancel_cutoff_hours: int = 24
    reminder_hours: int = 24  # 0: no reminder
    price_cents: int = 0
    currency: str = "USD"
    practitioners: list[str] = field(default_factory=list)
    locations: FileLocations = "US"


def read_service(table: Any, where: str, messages: list[str]) -> ServiceEntry:
    reader = Reader(table, entry_name(table, where), messages)
    reader.reject_unknown(set(ServiceEntry.__dataclass_fields__))
    kind = reader.text("kind") or ""
    if kind and kind not in KINDS:
        reader.error(f'"kind" must be one of {", ".join(KINDS)} (got "{kind}")')
    currency = read_currency(reader)
    practitioners = reader.get("practitioners", list, []) or []
    if not all(isinstance(slug, str) for slug in practitioners):
        reader.error('"practitioners" must be a list of practitioner slugs')
        practitioners = []
    return ServiceEntry(
        slug=read_slug(reader),
        name=reader.text("name") or "",
        kind=kind,
        description=reader.text("description", "") or "",
        duration_minutes=reader.count("duration_minutes", minimum=1) or 1,
        interval_minutes=reader.count("interval_minutes", None, minimum=1),
        buffer_before_minutes=reader.count("buffer_before_minutes", 0) or 0,
        buffer_after_minutes=reader.count("buffer_after_minutes", 0) or 0,
        minimum_notice_minutes=reader.count("minimum_notice_minutes", 720) or 0,
        horizon_days=reader.count("horizon_days", 60, minimum=1) or 1,
        daily_limit=reader.count("daily_limit", None, minimum=1),
        cancel_cutoff_hours=reader.count("cancel_cutoff_hours", 24) or 0,
        reminder_hours=reader.count("reminder_hours", 24) or 0,
        price_cents=reader.count("price_cents", 0) or 0,
        currency=currency,
        practitioners=practitioners,
        locations=read_locations(reader),
    )


def service_lines(service: ServiceEntry) -> list[str]:
    lines = [
        f"slug = {toml_string(service.slug)}",
        f"name = {toml_string(service.name)}",
        f"description = {toml_string(service.description)}",
        f"kind = {toml_string(service.kind)}",
        f"duration_minutes = {service.duration_minutes}",
        f"interval_minutes = {service.interval_minutes or service.duration_minutes}",
        f"buffer_before_minutes = {service.buffer_before_minutes}",
        f"buffer_after_minutes = {service.buffer_after_minutes}",
        f"minimum_notice_minutes = {service.minimum_notice_minutes}",
        f"horizon_days = {service.horizon_days}",
    ]
    if service.daily_limit is not None:
        lines.append(f"daily_limit = {service.daily_limit}")
    practitioners = ", ".join(toml_string(slug) for slug in sorted(service.practitioners))
    lines += [
        f"cancel_cutoff_hours = {service.cancel_cutoff_hours}",
        f"reminder_hours = {service.reminder_hours}",
        f"price_cents = {service.price_cents}",
        f"currency = {toml_string(service.currency)}",
        f"practitioners = [{practitioners}]",
        locations_line(service.locations),
    ]
    return lines


def service_entry(service: Service) -> ServiceEntry:
    values = {key: getattr(service, key) for key in ROW_KEYS}
    values["interval_minutes"] = service.effective_interval_minutes
    return ServiceEntry(
        slug=service.slug,
        **values,
        practitioners=sorted(p.slug for p in service.practitioners.all()),
        locations=file_locations(service),
    )


def store_service(entry: ServiceEntry) -> tuple[ServiceEntry | None, ServiceEntry]:
    """Create or update one service (inside the caller's transaction). Returns the entry as
    it was (None when new) and as it is now."""
    where = f'services "{entry.slug}"'
    service = Service.objects.filter(slug=entry.slug).first()
    before = service_entry(service) if service else None
    if service is None:
        service = Service(slug=entry.slug)
    for key in ROW_KEYS:
        setattr(service, key, getattr(entry, key))
    apply_file_locations(service, entry.locations)
    practitioners = list(Practitioner.objects.filter(slug__in=entry.practitioners))
    missing = sorted(set(entry.practitioners) - {p.slug for p in practitioners})
    if missing:
        raise PracticeFileError(
            [f"{where}: no practitioner with the slug {', '.join(repr(s) for s in missing)}"]
        )
    full_clean_or_refuse(service, where, exclude=["practitioners"])
    service.save()
    service.practitioners.set(practitioners)
    service.save()
    return before, service_entry(service)
