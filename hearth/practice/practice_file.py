"""The practice file (TOML): read and check it into plain entries, and write entries back.

Knows nothing of models; `actions.load_practice` stores entries and
`queries.practice_entries` reads them back.
"""

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from hearth.core.jurisdictions import US_CODES

from .windows import WEEKDAYS, Span, WindowError, check_no_overlap, parse_window

HEADER = (
    "# Hearth practice file (fictional people only in the demo). "
    "Load: manage.py load_practice FILE"
)
KINDS = ("consultation", "clinical", "coaching")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
CURRENCY = re.compile(r"^[A-Z]{3}$")


class PracticeFileError(Exception):
    """The file cannot be loaded; `messages` says where and why, one line each."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class PracticeEntry:
    name: str
    timezone: str
    email: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class LicenseEntry:
    jurisdiction: str
    kind: str
    number: str
    valid_from: dt.date
    expires_on: dt.date


@dataclass
class BusyCalendarEntry:
    """An ICS address whose events block time; written as a plain string when the options
    are the defaults, else as an inline table."""

    url: str
    include_all_day: bool = False
    include_transparent: bool = False


@dataclass
class PractitionerEntry:
    slug: str
    name: str
    timezone: str
    credentials: str = ""
    email: str = ""
    bio: str = ""
    message_of_support: str = ""
    weekly_hours: dict[int, list[Span]] = field(default_factory=dict)  # 0 = Monday
    overrides: dict[dt.date, list[Span]] = field(default_factory=dict)
    licenses: list[LicenseEntry] = field(default_factory=list)
    busy_calendars: list[BusyCalendarEntry] = field(default_factory=list)


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
    price_cents: int = 0
    currency: str = "USD"
    practitioners: list[str] = field(default_factory=list)
    locations: str | list[str] = "US"  # "US", "licensed" or a list of codes


@dataclass
class PracticeFile:
    practice: PracticeEntry | None
    practitioners: list[PractitionerEntry]
    services: list[ServiceEntry]


# --- reading --------------------------------------------------------------------------


class _Reader:
    """Checks one table's keys and types, collecting readable messages instead of failing."""

    def __init__(self, table: Any, where: str, messages: list[str]) -> None:
        self.where = where
        self.messages = messages
        self.table: dict[str, Any] = table if isinstance(table, dict) else {}
        if not isinstance(table, dict):
            self.error("must be a table of keys and values")

    def error(self, text: str) -> None:
        self.messages.append(f"{self.where}: {text}")

    def reject_unknown(self, known: set[str]) -> None:
        for key in sorted(set(self.table) - known):
            self.error(f'unknown key "{key}" (known keys: {", ".join(sorted(known))})')

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., *, label: str = ""):
        if key not in self.table:
            if default is ...:
                self.error(f'"{key}" is required')
            return None if default is ... else default
        value = self.table[key]
        # TOML booleans are ints in Python; never accept one as a number.
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            value = None
        if not isinstance(value, kind):
            self.error(f'"{key}" must be {label or _describe(kind)}')
            return None
        return value

    def text(self, key: str, default: Any = ...) -> Any:
        return self.get(key, str, default)

    def count(self, key: str, default: Any = ..., *, minimum: int = 0) -> Any:
        value = self.get(key, int, default, label="a whole number")
        if isinstance(value, int) and value < minimum:
            self.error(f'"{key}" must be at least {minimum} (got {value})')
        return value


def _describe(kind: type | tuple[type, ...]) -> str:
    names = {str: "text in quotes", int: "a whole number", list: "a list", dict: "a table"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def parse_practice_file(text: str) -> PracticeFile:
    """Read the TOML text; raise PracticeFileError listing every problem found."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PracticeFileError([f"The file is not valid TOML: {error}."]) from error
    messages: list[str] = []
    top = _Reader(document, "file", messages)
    top.reject_unknown({"practice", "practitioners", "services"})
    practice = _read_practice(document["practice"], messages) if "practice" in document else None
    practitioners = [
        _read_practitioner(entry, f"practitioners[{index}]", messages)
        for index, entry in enumerate(_list_of_tables(document, "practitioners", messages))
    ]
    services = [
        _read_service(entry, f"services[{index}]", messages)
        for index, entry in enumerate(_list_of_tables(document, "services", messages))
    ]
    _check_unique([p.slug for p in practitioners], "practitioners", messages)
    _check_unique([s.slug for s in services], "services", messages)
    if messages:
        raise PracticeFileError(messages)
    return PracticeFile(practice, practitioners, services)


def _list_of_tables(document: dict, key: str, messages: list[str]) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        messages.append(f'file: "{key}" must be a list of [[{key}]] entries')
        return []
    return value


def _check_unique(slugs: list[str], what: str, messages: list[str]) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            messages.append(f'{what}: the slug "{slug}" appears more than once')
        seen.add(slug)


def _read_zone(reader: _Reader) -> str:
    from .validators import known_time_zones

    zone = reader.text("timezone")
    if zone is not None and zone not in known_time_zones():
        reader.error(f'"{zone}" is not a time zone we know; use a name like America/Los_Angeles')
    return zone or ""


def _read_practice(table: Any, messages: list[str]) -> PracticeEntry:
    reader = _Reader(table, "[practice]", messages)
    reader.reject_unknown({"name", "timezone", "email", "phone", "address"})
    entry = PracticeEntry(
        name=reader.text("name") or "",
        timezone=_read_zone(reader),
        email=reader.text("email", "") or "",
        phone=reader.text("phone", "") or "",
        address=reader.text("address", "") or "",
    )
    return entry


def _entry_name(table: Any, where: str) -> str:
    slug = table.get("slug") if isinstance(table, dict) else None
    return f'{where} "{slug}"' if isinstance(slug, str) else where


def _read_slug(reader: _Reader) -> str:
    slug = reader.text("slug") or ""
    if slug and not SLUG.match(slug):
        reader.error(f'"{slug}" is not a valid slug (letters, digits, - and _ only)')
    return slug


def _read_practitioner(table: Any, where: str, messages: list[str]) -> PractitionerEntry:
    reader = _Reader(table, _entry_name(table, where), messages)
    reader.reject_unknown(
        {
            "slug", "name", "credentials", "email", "timezone", "bio", "message_of_support",
            "weekly_hours", "overrides", "licenses", "busy_calendars",
        }
    )  # fmt: skip
    entry = PractitionerEntry(
        slug=_read_slug(reader),
        name=reader.text("name") or "",
        timezone=_read_zone(reader),
        credentials=reader.text("credentials", "") or "",
        email=reader.text("email", "") or "",
        bio=reader.text("bio", "") or "",
        message_of_support=reader.text("message_of_support", "") or "",
    )
    entry.weekly_hours = _read_weekly_hours(reader)
    entry.overrides = _read_overrides(reader)
    entry.licenses = [
        _read_license(item, f"{reader.where} licenses[{index}]", messages)
        for index, item in enumerate(reader.get("licenses", list, []) or [])
    ]
    for index, item in enumerate(reader.get("busy_calendars", list, []) or []):
        calendar = _read_busy_calendar(item, f"{reader.where} busy_calendars[{index}]", messages)
        if calendar.url in {c.url for c in entry.busy_calendars}:
            reader.error(f'busy_calendars: "{calendar.url}" is listed more than once')
        entry.busy_calendars.append(calendar)
    return entry


CALENDAR_SCHEMES = ("https://", "http://", "webcal://")


def _read_busy_calendar(item: Any, where: str, messages: list[str]) -> BusyCalendarEntry:
    """A busy calendar: "https://…" or { url = "https://…", include_all_day = true, ... }."""
    if isinstance(item, str):
        item = {"url": item}
    reader = _Reader(item, where, messages)
    reader.reject_unknown({"url", "include_all_day", "include_transparent"})
    url = reader.text("url") or ""
    if url and not url.lower().startswith(CALENDAR_SCHEMES):
        reader.error(f'"{url}" is not a calendar address (https://… or webcal://…)')
    return BusyCalendarEntry(
        url=url,
        include_all_day=bool(reader.get("include_all_day", bool, False, label="true or false")),
        include_transparent=bool(
            reader.get("include_transparent", bool, False, label="true or false")
        ),
    )


def _read_spans(reader: _Reader, label: str, texts: Any) -> list[Span]:
    if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
        reader.error(f'{label} must be a list of windows like ["09:00-12:00"]')
        return []
    try:
        spans = sorted(parse_window(text) for text in texts)
        check_no_overlap(spans)
    except WindowError as error:
        reader.error(f"{label}: {error}")
        return []
    return spans


def _read_weekly_hours(reader: _Reader) -> dict[int, list[Span]]:
    table = reader.get("weekly_hours", dict, {}) or {}
    hours: dict[int, list[Span]] = {}
    for day, texts in table.items():
        if day not in WEEKDAYS:
            reader.error(f'weekly_hours: "{day}" is not a weekday (use {", ".join(WEEKDAYS)})')
            continue
        spans = _read_spans(reader, f"weekly_hours.{day}", texts)
        if spans:
            hours[WEEKDAYS.index(day)] = spans
    return hours


def _read_overrides(reader: _Reader) -> dict[dt.date, list[Span]]:
    table = reader.get("overrides", dict, {}) or {}
    overrides: dict[dt.date, list[Span]] = {}
    for key, texts in table.items():
        try:
            day = dt.date.fromisoformat(key)
        except ValueError:
            reader.error(f'overrides: "{key}" is not a date like 2027-03-15')
            continue
        overrides[day] = _read_spans(reader, f'overrides."{key}"', texts)
    return overrides


def _read_license(table: Any, where: str, messages: list[str]) -> LicenseEntry:
    reader = _Reader(table, where, messages)
    reader.reject_unknown({"jurisdiction", "kind", "number", "valid_from", "expires_on"})
    jurisdiction = reader.text("jurisdiction") or ""
    if jurisdiction and jurisdiction not in US_CODES:
        reader.error(f'"{jurisdiction}" is not a US state, DC or territory code (e.g. WA)')
    valid_from = _read_date(reader, "valid_from")
    expires_on = _read_date(reader, "expires_on")
    if valid_from and expires_on and expires_on < valid_from:
        reader.error(
            f"the license expires ({expires_on}) before it starts ({valid_from}); "
            "expires_on must be on or after valid_from"
        )
    return LicenseEntry(
        jurisdiction=jurisdiction,
        kind=reader.text("kind") or "",
        number=reader.text("number", "") or "",
        valid_from=valid_from or dt.date.min,
        expires_on=expires_on or dt.date.min,
    )


def _read_date(reader: _Reader, key: str) -> dt.date | None:
    value = reader.table.get(key)
    if value is None:
        reader.error(f'"{key}" is required')
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        reader.error(f'"{key}" must be a date written like 2027-01-31 (no quotes)')
        return None
    return value


def _read_service(table: Any, where: str, messages: list[str]) -> ServiceEntry:
    reader = _Reader(table, _entry_name(table, where), messages)
    reader.reject_unknown(set(ServiceEntry.__dataclass_fields__))
    kind = reader.text("kind") or ""
    if kind and kind not in KINDS:
        reader.error(f'"kind" must be one of {", ".join(KINDS)} (got "{kind}")')
    currency = reader.text("currency", "USD") or "USD"
    if not CURRENCY.match(currency):
        reader.error(f'"currency" must be a three-letter code such as USD (got "{currency}")')
    practitioners = reader.get("practitioners", list, []) or []
    if not all(isinstance(slug, str) for slug in practitioners):
        reader.error('"practitioners" must be a list of practitioner slugs')
        practitioners = []
    return ServiceEntry(
        slug=_read_slug(reader),
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
        price_cents=reader.count("price_cents", 0) or 0,
        currency=currency,
        practitioners=practitioners,
        locations=_read_locations(reader),
    )


def _read_locations(reader: _Reader) -> str | list[str]:
    value = reader.table.get("locations", "US")
    if value in ("US", "licensed"):
        return value
    if isinstance(value, list) and value and all(isinstance(code, str) for code in value):
        unknown = [code for code in value if code not in US_CODES]
        if unknown:
            reader.error(f'"locations": not US state, DC or territory codes: {", ".join(unknown)}')
        return list(dict.fromkeys(value))
    reader.error('"locations" must be "US", "licensed" or a list of codes like ["WA", "ID"]')
    return "US"


# --- writing ----------------------------------------------------------------------------


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes).
    return json.dumps(value, ensure_ascii=False)


def _spans(spans: list[Span]) -> str:
    return "[" + ", ".join(_string(str(span)) for span in spans) + "]"


def _inline(pairs: list[tuple[str, str]]) -> str:
    return "{ " + ", ".join(f"{key} = {value}" for key, value in pairs) + " }" if pairs else "{}"


def write_practice_file(document: PracticeFile) -> str:
    """The file in a fixed order: practice, then practitioners and services by slug."""
    lines = [HEADER, ""]
    if document.practice:
        practice = document.practice
        lines += ["[practice]"]
        for key in ("name", "timezone", "email", "phone", "address"):
            lines.append(f"{key} = {_string(getattr(practice, key))}")
        lines.append("")
    for entry in sorted(document.practitioners, key=lambda p: p.slug):
        lines += ["[[practitioners]]", *_practitioner_lines(entry), ""]
    for service in sorted(document.services, key=lambda s: s.slug):
        lines += ["[[services]]", *_service_lines(service), ""]
    return "\n".join(lines)


def _practitioner_lines(entry: PractitionerEntry) -> list[str]:
    lines = [
        f"{key} = {_string(getattr(entry, key))}"
        for key in (
            "slug", "name", "credentials", "email", "timezone", "bio", "message_of_support",
        )
    ]  # fmt: skip
    weekly = [(WEEKDAYS[day], _spans(spans)) for day, spans in sorted(entry.weekly_hours.items())]
    overrides = [
        (_string(day.isoformat()), _spans(spans)) for day, spans in sorted(entry.overrides.items())
    ]
    lines.append(f"weekly_hours = {_inline(weekly)}")
    lines.append(f"overrides = {_inline(overrides)}")
    licenses = sorted(
        entry.licenses, key=lambda lic: (lic.jurisdiction, lic.valid_from, lic.kind, lic.number)
    )
    if licenses:
        lines.append("licenses = [")
        for lic in licenses:
            pairs = [
                ("jurisdiction", _string(lic.jurisdiction)),
                ("kind", _string(lic.kind)),
                ("number", _string(lic.number)),
                ("valid_from", lic.valid_from.isoformat()),
                ("expires_on", lic.expires_on.isoformat()),
            ]
            lines.append(f"  {_inline(pairs)},")
        lines.append("]")
    else:
        lines.append("licenses = []")
    calendars = ", ".join(
        _busy_calendar(calendar) for calendar in sorted(entry.busy_calendars, key=lambda c: c.url)
    )
    lines.append(f"busy_calendars = [{calendars}]")
    return lines


def _busy_calendar(calendar: BusyCalendarEntry) -> str:
    if not (calendar.include_all_day or calendar.include_transparent):
        return _string(calendar.url)
    return _inline(
        [
            ("url", _string(calendar.url)),
            ("include_all_day", "true" if calendar.include_all_day else "false"),
            ("include_transparent", "true" if calendar.include_transparent else "false"),
        ]
    )


def _service_lines(service: ServiceEntry) -> list[str]:
    lines = [
        f"slug = {_string(service.slug)}",
        f"name = {_string(service.name)}",
        f"description = {_string(service.description)}",
        f"kind = {_string(service.kind)}",
        f"duration_minutes = {service.duration_minutes}",
        f"interval_minutes = {service.interval_minutes or service.duration_minutes}",
        f"buffer_before_minutes = {service.buffer_before_minutes}",
        f"buffer_after_minutes = {service.buffer_after_minutes}",
        f"minimum_notice_minutes = {service.minimum_notice_minutes}",
        f"horizon_days = {service.horizon_days}",
    ]
    if service.daily_limit is not None:
        lines.append(f"daily_limit = {service.daily_limit}")
    lines += [
        f"cancel_cutoff_hours = {service.cancel_cutoff_hours}",
        f"price_cents = {service.price_cents}",
        f"currency = {_string(service.currency)}",
        "practitioners = [" + ", ".join(_string(s) for s in sorted(service.practitioners)) + "]",
    ]
    if isinstance(service.locations, str):
        lines.append(f"locations = {_string(service.locations)}")
    else:
        lines.append("locations = [" + ", ".join(_string(c) for c in service.locations) + "]")
    return lines
