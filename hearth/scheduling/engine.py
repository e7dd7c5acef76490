"""Open appointment slots from wall-clock windows and busy time (DESIGN rules 1-7)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hearth.scheduling.model import (
    MINUTES_PER_DAY,
    Busy,
    InvalidRange,
    PractitionerCalendar,
    RangeTooLong,
    ServiceRules,
    Slot,
    WallWindow,
    require_aware,
)

MAX_RANGE_DAYS = 62
"""The most dates one query may name (rule 6: `last - first <= 61 days`)."""

# Every UTC offset in tzdata lies within about -16h..+16h (today -12h..+14h), so a window on
# local date D lies inside [D 00:00 - 16h, D+1 00:00 + 16h] UTC whatever the zone, and the
# client's dates inside [first 00:00 - 16h, last+1 00:00 + 16h]: a window more than two dates
# away from the client's dates cannot reach the range (Kiritimati and Pago Pago are two apart).
WINDOW_DATE_MARGIN = timedelta(days=2)

_BEFORE_ANY_START = datetime.min.replace(tzinfo=UTC)

EligibilityCheck = Callable[[str, date], bool]
"""`is_eligible(practitioner_key, local_date_in_practitioner_zone)` (rule 7)."""


def local_day_bounds(
    first_date: date, last_date: date, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    """The half-open UTC range `[first_date 00:00, day after last_date 00:00)` in `zone` (rule 6).

    Midnights are read like window times (fold=0). Raises `InvalidRange` when `last_date` is
    before `first_date` and `RangeTooLong` when they name more than `MAX_RANGE_DAYS` dates.
    """
    if last_date < first_date:
        raise InvalidRange(
            f"The last date ({last_date.isoformat()}) is before the first "
            f"({first_date.isoformat()}); swap them."
        )
    if (last_date - first_date).days >= MAX_RANGE_DAYS:
        raise RangeTooLong(
            f"{first_date.isoformat()}..{last_date.isoformat()} names "
            f"{(last_date - first_date).days + 1} dates; ask for at most {MAX_RANGE_DAYS} at once."
        )
    return _utc_instant(first_date, 0, zone), _utc_instant(last_date, MINUTES_PER_DAY, zone)


def window_instants(window: WallWindow, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    """The window's `(start, end)` as aware UTC instants, or None when it is empty (rule 1)."""
    start = _utc_instant(window.day, window.start_minute, zone)
    end = _utc_instant(window.day, window.end_minute, zone)
    if end <= start:
        return None
    return start, end


def open_slots(
    *,
    rules: ServiceRules,
    calendars: Sequence[PractitionerCalendar],
    now: datetime,
    first_date: date,
    last_date: date,
    client_zone: ZoneInfo,
    is_eligible: EligibilityCheck | None = None,
) -> list[Slot]:
    """The open slots starting on `first_date..last_date` (inclusive) in `client_zone`.

    Follows rules 1-7 of DESIGN.md. Slots are sorted by start, one per start, each naming the
    sorted keys of the practitioners who can take it; times are aware UTC. `is_eligible` is
    asked at most once per practitioner and local date. Raises `NaiveDatetime` for a naive
    `now`, `InvalidRange`/`RangeTooLong` for bad dates and `ValueError` for repeated keys.
    """
    duration = rules.duration
    return [
        Slot(start=start, end=start + duration, practitioners=practitioners)
        for start, practitioners in open_starts(
            rules=rules,
            calendars=calendars,
            now=now,
            first_date=first_date,
            last_date=last_date,
            client_zone=client_zone,
            is_eligible=is_eligible,
        )
    ]


def open_starts(
    *,
    rules: ServiceRules,
    calendars: Sequence[PractitionerCalendar],
    now: datetime,
    first_date: date,
    last_date: date,
    client_zone: ZoneInfo,
    is_eligible: EligibilityCheck | None = None,
) -> list[tuple[datetime, tuple[str, ...]]]:
    """`open_slots` as `(start, practitioner keys)` pairs, each slot ending `rules.duration`
    after its start: for a caller that writes hundreds of slots out at once and needs no
    `Slot` objects (making them is a fifth of the engine's time on a long range)."""
    range_start, range_end = local_day_bounds(first_date, last_date, client_zone)
    require_aware(now, name="now")
    keys = sorted(calendar.key for calendar in calendars)
    if len(set(keys)) != len(keys):
        raise ValueError(f"Each practitioner may appear once; got keys {keys}.")

    now_utc = now.astimezone(UTC)
    earliest = max(range_start, now_utc + rules.minimum_notice)
    before = min(range_end, now_utc + rules.horizon)
    window_days = (first_date - WINDOW_DATE_MARGIN, last_date + WINDOW_DATE_MARGIN)
    if len(calendars) == 1:  # sorted and unique already: no merging
        calendar = calendars[0]
        who = (calendar.key,)
        starts = _open_starts(
            calendar=calendar,
            rules=rules,
            earliest=earliest,
            before=before,
            window_days=window_days,
            is_eligible=is_eligible,
        )
        return [(start, who) for start in starts]
    practitioners_by_start: dict[datetime, list[str]] = {}
    for calendar in sorted(calendars, key=lambda calendar: calendar.key):
        starts = _open_starts(
            calendar=calendar,
            rules=rules,
            earliest=earliest,
            before=before,
            window_days=window_days,
            is_eligible=is_eligible,
        )
        for start in starts:
            practitioners_by_start.setdefault(start, []).append(calendar.key)
    return [
        (start, tuple(practitioners))
        for start, practitioners in sorted(practitioners_by_start.items())
    ]


def _utc_instant(day: date, minute: int, zone: ZoneInfo) -> datetime:
    # `combine` leaves fold=0: an ambiguous wall time is its first occurrence and a time in a
    # spring-forward gap keeps the offset from before the gap, exactly as rule 1 says.
    day += timedelta(days=minute // MINUTES_PER_DAY)
    minute %= MINUTES_PER_DAY
    wall = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)
    return wall.astimezone(UTC)


def _open_starts(
    *,
    calendar: PractitionerCalendar,
    rules: ServiceRules,
    earliest: datetime,
    before: datetime,
    window_days: tuple[date, date],
    is_eligible: EligibilityCheck | None,
) -> list[datetime]:
    """One practitioner's open starts in `[earliest, before)`, sorted and unique."""
    if earliest >= before:
        return []
    candidates = _candidate_starts(
        windows=calendar.windows,
        zone=calendar.zone,
        rules=rules,
        earliest=earliest,
        before=before,
        window_days=window_days,
    )
    if not candidates:
        return []
    forbidden = _forbidden_start_ranges(
        busy=calendar.busy, rules=rules, first=candidates[0], last=candidates[-1]
    )
    free = _starts_outside(candidates, forbidden)
    full_days = _days_at_limit(busy=calendar.busy, zone=calendar.zone, limit=rules.daily_limit)
    if not full_days and is_eligible is None:
        return free
    return _starts_on_bookable_days(
        free,
        key=calendar.key,
        zone=calendar.zone,
        full_days=full_days,
        is_eligible=is_eligible,
    )


def _candidate_starts(
    *,
    windows: Iterable[WallWindow],
    zone: ZoneInfo,
    rules: ServiceRules,
    earliest: datetime,
    before: datetime,
    window_days: tuple[date, date],
) -> list[datetime]:
    """Rule 2 starts in `[earliest, before)`, walking only the part of each window that counts."""
    first_day, last_day = window_days
    interval = rules.interval
    starts: list[datetime] = []
    in_order = True  # each window's starts all after the previous window's
    for window in windows:
        if not first_day <= window.day <= last_day:
            continue
        instants = window_instants(window, zone)
        if instants is None:
            continue
        window_start, window_end = instants
        # Jump straight to the first grid point at or after `earliest` (ceiling division):
        # the grid is in elapsed time from the window's start, so UTC arithmetic is exact.
        steps = max(0, -((window_start - earliest) // interval))
        start = window_start + steps * interval
        latest_start = window_end - rules.duration
        if starts and start <= starts[-1]:
            in_order = False
        while start < before and start <= latest_start:
            starts.append(start)
            start += interval
    # Windows may overlap, repeat or come in any order: then sort, one candidate per start.
    return starts if in_order else sorted(set(starts))


def _forbidden_start_ranges(
    *, busy: Iterable[Busy], rules: ServiceRules, first: datetime, last: datetime
) -> list[tuple[datetime, datetime]]:
    """Per busy entry, the open range of starts that rule 3 forbids, sorted by its low end.

    `[s, s + duration)` conflicts with B iff
    `B.start - max(S.buffer_after, B.buffer_before) - duration < s < B.end + max(B.buffer_after,
    S.buffer_before)`. Ranges that miss `[first, last]` are dropped.
    """
    # This loop is most of the engine's time on a busy calendar: hoist the rule's fields and
    # compare instead of calling max().
    service_before = rules.buffer_before
    service_after = rules.buffer_after
    duration = rules.duration
    ranges: list[tuple[datetime, datetime]] = []
    for entry in busy:
        gap_before = entry.buffer_before if entry.buffer_before > service_after else service_after
        gap_after = entry.buffer_after if entry.buffer_after > service_before else service_before
        # Arithmetic on a datetime in a ZoneInfo zone is wall-clock arithmetic: go to UTC first.
        high = entry.end.astimezone(UTC) + gap_after
        if high <= first:
            continue
        low = entry.start.astimezone(UTC) - gap_before - duration
        if low < last:
            ranges.append((low, high))
    ranges.sort()
    return ranges


def _starts_outside(
    candidates: list[datetime], forbidden: list[tuple[datetime, datetime]]
) -> list[datetime]:
    """The sorted `candidates` that lie in none of the open `forbidden` ranges (sorted by low).

    One sweep: a start is forbidden iff some range with `low < start` reaches past it, so it is
    enough to keep the furthest `high` among the ranges already passed.
    """
    free: list[datetime] = []
    furthest_high = _BEFORE_ANY_START
    next_range, range_count = 0, len(forbidden)
    for start in candidates:
        while next_range < range_count and forbidden[next_range][0] < start:
            high = forbidden[next_range][1]
            if high > furthest_high:
                furthest_high = high
            next_range += 1
        if start >= furthest_high:
            free.append(start)
    return free


def _days_at_limit(*, busy: Iterable[Busy], zone: ZoneInfo, limit: int | None) -> set[date]:
    """Local dates (practitioner's zone) that already hold `limit` counted bookings (rule 5)."""
    if limit is None:
        return set()
    bookings_per_day = Counter(
        entry.start.astimezone(zone).date() for entry in busy if entry.counts_toward_limit
    )
    return {day for day, bookings in bookings_per_day.items() if bookings >= limit}


def _starts_on_bookable_days(
    starts: list[datetime],
    *,
    key: str,
    zone: ZoneInfo,
    full_days: set[date],
    is_eligible: EligibilityCheck | None,
) -> list[datetime]:
    """Drop starts on full dates (rule 5) or dates the practitioner is not eligible on (rule 7)."""
    eligible_by_day: dict[date, bool] = {}
    kept: list[datetime] = []
    for start in starts:
        day = start.astimezone(zone).date()
        if day in full_days:
            continue
        if is_eligible is not None:
            if day not in eligible_by_day:
                eligible_by_day[day] = is_eligible(key, day)
            if not eligible_by_day[day]:
                continue
        kept.append(start)
    return kept
