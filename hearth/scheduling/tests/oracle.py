"""Brute-force reference for `open_slots`: every minute of every window, every busy entry checked.

Deliberately naive and written apart from the engine: it works in integer seconds since the
epoch, reads wall times with `datetime(...).timestamp()`, walks each window minute by minute
and tests each candidate against every busy entry and every rule in turn. Times must be whole
minutes for durations, intervals and buffers; busy time and `now` may carry whole seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hearth.scheduling.model import Busy, PractitionerCalendar, ServiceRules, Slot

SECONDS_PER_MINUTE = 60


def whole_seconds(duration: timedelta) -> int:
    return duration // timedelta(seconds=1)


def epoch_seconds(moment: datetime) -> int:
    return round(moment.timestamp())


def wall_clock_seconds(day: date, minute: int, zone: ZoneInfo) -> int:
    """Rule 1: the wall time read with fold=0, as seconds since the epoch."""
    if minute == 1440:
        day, minute = day + timedelta(days=1), 0
    wall = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=zone, fold=0)
    return epoch_seconds(wall)


def local_date(seconds: int, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(seconds, zone).date()


def conflicts(start: int, end: int, entry: Busy, rules: ServiceRules) -> bool:
    """Rule 3, written out literally."""
    busy_start, busy_end = epoch_seconds(entry.start), epoch_seconds(entry.end)
    gap_after_busy = whole_seconds(max(entry.buffer_after, rules.buffer_before))
    gap_before_busy = whole_seconds(max(rules.buffer_after, entry.buffer_before))
    return start < busy_end + gap_after_busy and busy_start < end + gap_before_busy


def oracle_open_slots(
    *,
    rules: ServiceRules,
    calendars: Sequence[PractitionerCalendar],
    now: datetime,
    first_date: date,
    last_date: date,
    client_zone: ZoneInfo,
    is_eligible: Callable[[str, date], bool] | None = None,
) -> list[Slot]:
    duration = whole_seconds(rules.duration)
    interval = whole_seconds(rules.interval)
    range_start = wall_clock_seconds(first_date, 0, client_zone)
    range_end = wall_clock_seconds(last_date, 1440, client_zone)
    not_before = epoch_seconds(now) + whole_seconds(rules.minimum_notice)
    not_from = epoch_seconds(now) + whole_seconds(rules.horizon)

    takers: dict[int, list[str]] = {}
    for calendar in calendars:
        counted_days = [
            local_date(epoch_seconds(entry.start), calendar.zone)
            for entry in calendar.busy
            if entry.counts_toward_limit
        ]
        grid: set[int] = set()
        for window in calendar.windows:
            window_start = wall_clock_seconds(window.day, window.start_minute, calendar.zone)
            window_end = wall_clock_seconds(window.day, window.end_minute, calendar.zone)
            for moment in range(window_start, window_end, SECONDS_PER_MINUTE):
                on_grid = (moment - window_start) % interval == 0
                if on_grid and moment + duration <= window_end:
                    grid.add(moment)
        for start in sorted(grid):
            day = local_date(start, calendar.zone)
            if not range_start <= start < range_end:
                continue
            if not not_before <= start < not_from:
                continue
            if rules.daily_limit is not None and counted_days.count(day) >= rules.daily_limit:
                continue
            if is_eligible is not None and not is_eligible(calendar.key, day):
                continue
            if any(conflicts(start, start + duration, entry, rules) for entry in calendar.busy):
                continue
            takers.setdefault(start, []).append(calendar.key)

    return [
        Slot(
            start=datetime.fromtimestamp(start, UTC),
            end=datetime.fromtimestamp(start + duration, UTC),
            practitioners=tuple(sorted(keys)),
        )
        for start, keys in sorted(takers.items())
    ]
