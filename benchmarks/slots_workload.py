"""The slots benchmark's workload and timer in plain Python, shared by both sides."""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from benchmarks.results import tiny

ZONE = "America/Los_Angeles"
DAYS = 60
SIZES = (10, 20) if tiny() else (100, 1_000)  # bookings of the measured practitioner
PRACTITIONERS = 10  # practitioner 0 is the one measured
TOTAL_BOOKINGS = 100 if tiny() else 10_000
WORK_START_MINUTE, WORK_END_MINUTE = 9 * 60, 17 * 60  # Monday-Friday, wall clock in ZONE
BOOKING_MINUTES = 15
SERVICE_MINUTES, INTERVAL_MINUTES = 50, 30
SEED = 20_250_101  # fixed, so that every side and every run sees the same calendar
REPEATS = 1 if tiny() else 5

T = TypeVar("T")


def best_of(
    call: Callable[[], T], repeats: int = REPEATS, at_least: float = 0.0 if tiny() else 1.0
) -> tuple[float, T]:
    """The fastest timed call, in seconds, and the last result.

    One untimed call first: the first request fills per-process caches (URL resolver, schema,
    time zones, the peer's cached Config) that a running server has long since filled. Then at
    least `repeats` calls, and more until `at_least` seconds were timed: on a shared 2-core
    machine five 20 ms calls can all land in one burst of someone else's work.
    """
    result = call()
    timings: list[float] = []
    while len(timings) < repeats or (sum(timings) < at_least and len(timings) < 500):
        started = time.perf_counter()
        result = call()
        timings.append(time.perf_counter() - started)
    return min(timings), result


@dataclass(frozen=True, slots=True)
class PlannedBooking:
    practitioner: int
    day: date
    start_minute: int  # wall clock in ZONE


def dates(first_date: date) -> list[date]:
    return [first_date + timedelta(days=offset) for offset in range(DAYS)]


def working_days(first_date: date) -> list[date]:
    return [day for day in dates(first_date) if day.weekday() < 5]


def planned_bookings(*, measured: int, first_date: date) -> list[PlannedBooking]:
    """`measured` bookings for practitioner 0 and the rest of the 10,000 for the nine others.

    Each practitioner's bookings take distinct 15-minute cells of their working hours, so none
    overlap; the others share the measured practitioner's 60 days to keep the table busy there.
    """
    cells = [
        (day, minute)
        for day in working_days(first_date)
        for minute in range(WORK_START_MINUTE, WORK_END_MINUTE, BOOKING_MINUTES)
    ]
    others = PRACTITIONERS - 1
    counts = [measured] + [(TOTAL_BOOKINGS - measured) // others] * others
    counts[-1] += TOTAL_BOOKINGS - sum(counts)
    if max(counts) > len(cells):
        raise ValueError(f"{max(counts)} bookings do not fit in {len(cells)} free cells.")
    rng = random.Random(SEED + measured)
    return [
        PlannedBooking(practitioner, day, minute)
        for practitioner, count in enumerate(counts)
        for day, minute in sorted(rng.sample(cells, count))
    ]


def expected_slot_count(bookings: list[PlannedBooking], first_date: date) -> int:
    """Brute force: the 50-minute starts on the 30-minute grid that miss every booking."""
    taken: dict[date, list[int]] = {}
    for booking in bookings:
        if booking.practitioner == 0:
            taken.setdefault(booking.day, []).append(booking.start_minute)
    count = 0
    for day in working_days(first_date):
        for start in range(
            WORK_START_MINUTE, WORK_END_MINUTE - SERVICE_MINUTES + 1, INTERVAL_MINUTES
        ):
            end = start + SERVICE_MINUTES
            if all(not (b < end and start < b + BOOKING_MINUTES) for b in taken.get(day, [])):
                count += 1
    return count
