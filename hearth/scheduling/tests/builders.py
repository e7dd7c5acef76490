"""Small builders for engine inputs, so each test spells out only what it is about."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hearth.scheduling import Busy, PractitionerCalendar, ServiceRules, WallWindow, open_slots

LONG_AGO = datetime(2027, 1, 1, tzinfo=UTC)
"""A `now` well before every date the tests query, so notice and horizon stay out of the way."""
JUNE_1 = date(2027, 6, 1)
JUNE_2 = date(2027, 6, 2)
JUNE_3 = date(2027, 6, 3)
UTC_ZONE = ZoneInfo("UTC")


def service_rules(
    *,
    duration_minutes: int = 60,
    interval_minutes: int | None = None,
    buffer_before_minutes: int = 0,
    buffer_after_minutes: int = 0,
    minimum_notice: timedelta = timedelta(0),
    horizon: timedelta = timedelta(days=365),
    daily_limit: int | None = None,
) -> ServiceRules:
    return ServiceRules(
        duration=timedelta(minutes=duration_minutes),
        interval=timedelta(minutes=interval_minutes or duration_minutes),
        buffer_before=timedelta(minutes=buffer_before_minutes),
        buffer_after=timedelta(minutes=buffer_after_minutes),
        minimum_notice=minimum_notice,
        horizon=horizon,
        daily_limit=daily_limit,
    )


def hours(day: date, start: str, end: str) -> WallWindow:
    """A window from "HH:MM" strings; "24:00" is allowed as the end."""
    return WallWindow(day=day, start_minute=_minute_of(start), end_minute=_minute_of(end))


def calendar(
    *,
    zone: str,
    windows: list[WallWindow],
    busy: list[Busy] | None = None,
    key: str = "sam",
) -> PractitionerCalendar:
    return PractitionerCalendar(
        key=key, zone=ZoneInfo(zone), windows=tuple(windows), busy=tuple(busy or [])
    )


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def open_starts(
    *,
    rules: ServiceRules,
    calendars: list[PractitionerCalendar],
    now: datetime = LONG_AGO,
    first_date: date = JUNE_1,
    last_date: date | None = None,
) -> list[datetime]:
    """The starts of `open_slots` for a client in UTC (one date unless `last_date` is given)."""
    slots = open_slots(
        rules=rules,
        calendars=calendars,
        now=now,
        first_date=first_date,
        last_date=last_date or first_date,
        client_zone=UTC_ZONE,
    )
    return [slot.start for slot in slots]


def _minute_of(clock: str) -> int:
    hour, minute = clock.split(":")
    return int(hour) * 60 + int(minute)
