"""The practice file's `[[practitioners]]` entries with their weekly hours, overrides,
licenses and busy calendars: read, written, taken from and stored to the rows."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hearth.core.jurisdictions import US_CODES
from hearth.practice.actions import replace_weekly_hours
from hearth.practice.models import BusyCalendar, DateOverride, License, Practitioner
from hearth.practice.windows import (
    WEEKDAYS,
    Span,
    WindowError,
    check_no_overlap,
    format_line,
    parse_window,
)

from .base import (
    Reader,
    entry_name,
    full_clean_or_refuse,
    inline_table,
    read_slug,
    read_zone,
    toml_string,
)

TEXT_KEYS = ("slug", "name", "credentials", "email", "timezone", "bio", "message_of_support")
CALENDAR_SCHEMES = ("https://", "http://", "webcal://")


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


# --- reading --------------------------------------------------------------------------


def read_practitioner(table: Any, where: str, messages: list[str]) -> PractitionerEntry:
    reader = Reader(table, entry_name(table, where), messages)
    reader.reject_unknown({*TEXT_KEYS, "weekly_hours", "overrides", "licenses", "busy_calendars"})
    entry = PractitionerEntry(
        slug=read_slug(reader),
        name=reader.text("name") or "",
        timezone=read_zone(reader),
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


def _read_busy_calendar(item: Any, where: str, messages: list[str]) -> BusyCalendarEntry:
    """A busy calendar: "https://…" or { url = "https://…", include_all_day = true, ... }."""
    if isinstance(item, str):
        item = {"url": item}
    reader = Reader(item, where, messages)
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


def _read_spans(reader: Reader, label: str, texts: Any) -> list[Span]:
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


def _read_weekly_hours(reader: Reader) -> dict[int, list[Span]]:
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


def _read_overrides(reader: Reader) -> dict[dt.date, list[Span]]:
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
    reader = Reader(table, where, messages)
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


def _read_date(reader: Reader, key: str) -> dt.date | None:
    value = reader.table.get(key)
    if value is None:
        reader.error(f'"{key}" is required')
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        reader.error(f'"{key}" must be a date written like 2027-01-31 (no quotes)')
        return None
    return value


# --- writing ----------------------------------------------------------------------------


def _spans_text(spans: list[Span]) -> str:
    return "[" + ", ".join(toml_string(str(span)) for span in spans) + "]"


def practitioner_lines(entry: PractitionerEntry) -> list[str]:
    lines = [f"{key} = {toml_string(getattr(entry, key))}" for key in TEXT_KEYS]
    weekly = [
        (WEEKDAYS[day], _spans_text(spans)) for day, spans in sorted(entry.weekly_hours.items())
    ]
    overrides = [
        (toml_string(day.isoformat()), _spans_text(spans))
        for day, spans in sorted(entry.overrides.items())
    ]
    lines.append(f"weekly_hours = {inline_table(weekly)}")
    lines.append(f"overrides = {inline_table(overrides)}")
    licenses = sorted(
        entry.licenses, key=lambda lic: (lic.jurisdiction, lic.valid_from, lic.kind, lic.number)
    )
    if licenses:
        lines.append("licenses = [")
        for lic in licenses:
            pairs = [
                ("jurisdiction", toml_string(lic.jurisdiction)),
                ("kind", toml_string(lic.kind)),
                ("number", toml_string(lic.number)),
                ("valid_from", lic.valid_from.isoformat()),
                ("expires_on", lic.expires_on.isoformat()),
            ]
            lines.append(f"  {inline_table(pairs)},")
        lines.append("]")
    else:
        lines.append("licenses = []")
    calendars = ", ".join(
        _busy_calendar_text(calendar)
        for calendar in sorted(entry.busy_calendars, key=lambda c: c.url)
    )
    lines.append(f"busy_calendars = [{calendars}]")
    return lines


def _busy_calendar_text(calendar: BusyCalendarEntry) -> str:
    if not (calendar.include_all_day or calendar.include_transparent):
        return toml_string(calendar.url)
    return inline_table(
        [
            ("url", toml_string(calendar.url)),
            ("include_all_day", "true" if calendar.include_all_day else "false"),
            ("include_transparent", "true" if calendar.include_transparent else "false"),
        ]
    )


# --- rows -------------------------------------------------------------------------------


def practitioner_entry(practitioner: Practitioner) -> PractitionerEntry:
    hours = {day: spans for day, spans in practitioner.weekly_hours().items() if spans}
    return PractitionerEntry(
        **{key: getattr(practitioner, key) for key in TEXT_KEYS},
        weekly_hours=hours,
        overrides={o.date: o.spans for o in practitioner.overrides.all()},
        licenses=[
            LicenseEntry(
                jurisdiction=lic.jurisdiction,
                kind=lic.kind,
                number=lic.number,
                valid_from=lic.valid_from,
                expires_on=lic.expires_on,
            )
            for lic in practitioner.licenses.all()
        ],
        busy_calendars=[
            BusyCalendarEntry(
                url=calendar.url,
                include_all_day=calendar.include_all_day,
                include_transparent=calendar.include_transparent,
            )
            for calendar in practitioner.busy_calendars.all()
        ],
    )


def store_practitioner(
    entry: PractitionerEntry,
) -> tuple[PractitionerEntry | None, PractitionerEntry]:
    """Create or update one practitioner and replace their lists (inside the caller's
    transaction). Returns the entry as it was (None when new) and as it is now."""
    where = f'practitioners "{entry.slug}"'
    practitioner = Practitioner.objects.filter(slug=entry.slug).first()
    before = practitioner_entry(practitioner) if practitioner else None
    if practitioner is None:
        practitioner = Practitioner(slug=entry.slug)
    for key in ("name", "credentials", "email", "timezone", "bio", "message_of_support"):
        setattr(practitioner, key, getattr(entry, key))
    full_clean_or_refuse(practitioner, where, exclude=["user", "photo"])
    practitioner.save()
    replace_weekly_hours(practitioner=practitioner, hours=entry.weekly_hours)
    practitioner.overrides.all().delete()
    for day, spans in sorted(entry.overrides.items()):
        override = DateOverride(practitioner=practitioner, date=day, windows=format_line(spans))
        full_clean_or_refuse(override, f"{where} overrides {day}")
        override.save()
    practitioner.licenses.all().delete()
    for index, lic in enumerate(entry.licenses):
        license_row = License(
            practitioner=practitioner,
            jurisdiction=lic.jurisdiction,
            kind=lic.kind,
            number=lic.number,
            valid_from=lic.valid_from,
            expires_on=lic.expires_on,
        )
        full_clean_or_refuse(license_row, f"{where} licenses[{index}]")
        license_row.save()
    _replace_busy_calendars(practitioner, entry, where)
    return before, practitioner_entry(practitioner)


def _replace_busy_calendars(practitioner: Practitioner, entry: PractitionerEntry, where: str):
    """Rows whose address is still listed are kept (with their last fetched copy and busy
    times); the others are removed and new addresses added."""
    existing = {calendar.url: calendar for calendar in practitioner.busy_calendars.all()}
    listed = {calendar.url for calendar in entry.busy_calendars}
    practitioner.busy_calendars.exclude(url__in=listed).delete()
    for index, item in enumerate(entry.busy_calendars):
        calendar = existing.get(item.url) or BusyCalendar(practitioner=practitioner, url=item.url)
        calendar.include_all_day = item.include_all_day
        calendar.include_transparent = item.include_transparent
        full_clean_or_refuse(calendar, f"{where} busy_calendars[{index}]")
        calendar.save()
