"""The day and time picker of the booking and manage pages: a strip of seven days that
pages week by week up to the service's horizon, and the chosen day's times grouped into
morning, afternoon and evening. Plain links carry the state, so it works without JavaScript.

Times are in the client's zone; the slots come from `queries.open_slots_for`.
"""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from hearth.practice.models import Service
from hearth.scheduling import MAX_RANGE_DAYS, Slot

from .queries import SlotsResult, open_slots_for

STRIP_DAYS = 7
# Where the day's parts begin, in the client's local hours.
AFTERNOON_FROM_HOUR = 12
EVENING_FROM_HOUR = 17


@dataclass(frozen=True)
class DayCell:
    date: dt.date
    count: int  # open times that day
    chosen: bool


@dataclass(frozen=True)
class TimeGroup:
    name: str  # "Morning", "Afternoon" or "Evening"
    times: list[dt.datetime]  # aware, in the client's zone


@dataclass
class Picker:
    """What the template draws. `week_start` pages are `today + 7k`, so links stay stable."""

    today: dt.date
    last_day: dt.date  # the horizon's last date in the client's zone
    week_start: dt.date
    days: list[DayCell]
    chosen: dt.date | None
    groups: list[TimeGroup]
    previous_week: dt.date | None
    next_week: dt.date | None
    next_open_day: dt.date | None  # when the shown week has no times, the next day that has
    location_covered: bool = True
    notice: str | None = None
    slots: list[Slot] = field(default_factory=list)  # the chosen day's

    @property
    def has_times(self) -> bool:
        return any(cell.count for cell in self.days)


def last_bookable_day(service: Service, *, now: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The client's date of the horizon's end (DESIGN rule 4: now + horizon_days * 24h)."""
    return (now + dt.timedelta(days=service.horizon_days)).astimezone(zone).date()


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


def _slots_by_day(
    slots: list[Slot], zone: ZoneInfo, into: dict[dt.date, list[Slot]]
) -> dict[dt.date, list[Slot]]:
    for slot in slots:
        into.setdefault(slot.start.astimezone(zone).date(), []).append(slot)
    return into


def _without(slots: list[Slot], start: dt.datetime | None) -> list[Slot]:
    return [slot for slot in slots if slot.start != start]


def group_times(times: list[dt.datetime]) -> list[TimeGroup]:
    """Local times sorted into morning, afternoon and evening, leaving out empty parts."""
    parts: dict[str, list[dt.datetime]] = {"Morning": [], "Afternoon": [], "Evening": []}
    for time in times:
        if time.hour < AFTERNOON_FROM_HOUR:
            parts["Morning"].append(time)
        elif time.hour < EVENING_FROM_HOUR:
            parts["Afternoon"].append(time)
        else:
            parts["Evening"].append(time)
    return [TimeGroup(name, found) for name, found in parts.items() if found]


def build_picker(
    *,
    service: Service,
    zone: ZoneInfo,
    now: dt.datetime,
    week: str | None = None,
    date: str | None = None,
    location: str | None = None,
    practitioner_slug: str | None = None,
    exclude_booking_id: int | None = None,
    leave_out: dt.datetime | None = None,
) -> Picker:
    """The strip for the week asked for (`week`, an ISO date), or the week of `date`, or
    the week of the first day with open times. Dates outside today..horizon are ignored.
    `leave_out`: a start not to offer (the booking's own time, when moving it)."""
    today = now.astimezone(zone).date()
    last_day = last_bookable_day(service, now=now, zone=zone)
    if last_day < today:
        last_day = today

    def fetch(first: dt.date, last: dt.date) -> SlotsResult:
        return open_slots_for(
            service=service,
            first=first,
            last=last,
            client_zone=zone,
            now=now,
            location=location,
            practitioner_slug=practitioner_slug,
            exclude_booking_id=exclude_booking_id,
        )

    # One query covers today up to the horizon for the usual horizons (60 days).
    overview_last = min(last_day, today + dt.timedelta(days=MAX_RANGE_DAYS - 1))
    overview = fetch(today, overview_last)
    by_day = _slots_by_day(_without(overview.slots, leave_out), zone, {})

    def clamp(day: dt.date | None) -> dt.date | None:
        return day if day is not None and today <= day <= last_day else None

    asked_week, asked_date = clamp(_parse_date(week)), clamp(_parse_date(date))
    anchor = asked_week or asked_date or next(iter(by_day), today)
    week_start = today + dt.timedelta(days=STRIP_DAYS * ((anchor - today).days // STRIP_DAYS))
    week_last = min(week_start + dt.timedelta(days=STRIP_DAYS - 1), last_day)
    if week_last > overview_last:
        later = fetch(max(week_start, overview_last + dt.timedelta(days=1)), week_last)
        _slots_by_day(_without(later.slots, leave_out), zone, by_day)

    shown = [week_start + dt.timedelta(days=i) for i in range((week_last - week_start).days + 1)]
    if asked_date in shown and asked_date in by_day:
        chosen = asked_date
    else:
        chosen = next((day for day in shown if day in by_day), None)
    slots = by_day.get(chosen, []) if chosen else []
    next_open = None
    if chosen is None:
        next_open = next((day for day in sorted(by_day) if day > week_last), None)
    previous_start = week_start - dt.timedelta(days=STRIP_DAYS)
    next_start = week_start + dt.timedelta(days=STRIP_DAYS)
    return Picker(
        today=today,
        last_day=last_day,
        week_start=week_start,
        days=[DayCell(day, len(by_day.get(day, [])), day == chosen) for day in shown],
        chosen=chosen,
        groups=group_times([slot.start.astimezone(zone) for slot in slots]),
        previous_week=previous_start if week_start > today else None,
        next_week=next_start if next_start <= last_day else None,
        next_open_day=next_open,
        location_covered=overview.location_covered,
        notice=overview.notice,
        slots=slots,
    )


def picker_links(
    picker: Picker, *, page: str, keep: dict[str, str], time_page: str, anchor: str = ""
) -> dict:
    """The template's context: the picker, and plain links for each day, the previous and
    next weeks and each time, every one carrying `keep` (the state and zone)."""
    fragment = f"#{anchor}" if anchor else ""

    def link(path: str, **extra: str) -> str:
        return f"{path}?{urlencode(keep | extra)}"

    def day_link(**extra: str) -> str:
        return link(page, **extra) + fragment

    week = picker.week_start.isoformat()
    return {
        "picker": picker,
        "day_cells": [
            (cell, day_link(week=week, date=cell.date.isoformat())) for cell in picker.days
        ],
        "previous_link": day_link(week=picker.previous_week.isoformat())
        if picker.previous_week
        else "",
        "next_link": day_link(week=picker.next_week.isoformat()) if picker.next_week else "",
        "next_open_link": day_link(date=picker.next_open_day.isoformat())
        if picker.next_open_day
        else "",
        "time_groups": [
            (group.name, [(time, link(time_page, start=time.isoformat())) for time in group.times])
            for group in picker.groups
        ],
    }
