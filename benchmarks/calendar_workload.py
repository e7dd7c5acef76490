"""A generated personal calendar: 10,000 events, recurring series among them, several zones.

Deterministic (seeded), so every run measures the same file.
"""

import random
from datetime import UTC, date, datetime, timedelta

from benchmarks.results import tiny

EVENTS = 200 if tiny() else 10_000
SERIES = 8 if tiny() else 400  # recurring events among them (weekly, daily, monthly)
DAYS = 90
ZONES = ("America/Los_Angeles", "America/New_York", "Europe/Berlin", "UTC")


def generate_calendar(*, today: date, seed: int = 6) -> bytes:
    """Single events spread over two years around `today`, plus recurring series (with
    EXDATEs and a moved occurrence each) that started up to a year ago."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hearth//Benchmark//EN"]
    stamp = "DTSTAMP:20260101T000000Z"
    for index in range(EVENTS - SERIES):
        day = today + timedelta(days=rng.randint(-365, 365))
        # Wall-clock times, written with their TZID.
        start = datetime(day.year, day.month, day.day, rng.randint(6, 20), rng.choice((0, 30)))  # noqa: DTZ001
        zone = rng.choice(ZONES)
        minutes = rng.choice((30, 45, 60, 90, 120))
        end = start + timedelta(minutes=minutes)
        lines += [
            "BEGIN:VEVENT",
            f"UID:single-{index}@bench",
            stamp,
            _when("DTSTART", start, zone),
            _when("DTEND", end, zone),
            f"SUMMARY:Event {index}",
        ]
        if index % 20 == 0:
            lines.append("TRANSP:TRANSPARENT")
        lines.append("END:VEVENT")
    for index in range(SERIES):
        first = today - timedelta(days=rng.randint(0, 365))
        start = datetime(first.year, first.month, first.day, rng.randint(7, 18), 0)  # noqa: DTZ001
        zone = rng.choice(ZONES)
        end = start + timedelta(minutes=rng.choice((30, 60)))
        rule = rng.choice(
            (
                "FREQ=WEEKLY",
                "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                "FREQ=DAILY;INTERVAL=2",
                "FREQ=MONTHLY;BYDAY=2TU",
            )
        )
        skipped = start + timedelta(weeks=rng.randint(1, 60))
        moved = start + timedelta(weeks=rng.randint(1, 60))
        lines += [
            "BEGIN:VEVENT",
            f"UID:series-{index}@bench",
            stamp,
            _when("DTSTART", start, zone),
            _when("DTEND", end, zone),
            f"RRULE:{rule}",
            _when("EXDATE", skipped, zone),
            f"SUMMARY:Series {index}",
            "END:VEVENT",
            "BEGIN:VEVENT",
            f"UID:series-{index}@bench",
            stamp,
            _when("RECURRENCE-ID", moved, zone),
            _when("DTSTART", moved + timedelta(hours=2), zone),
            _when("DTEND", moved + timedelta(hours=3), zone),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def _when(name: str, moment: datetime, zone: str) -> str:
    if zone == "UTC":
        return f"{name}:{moment:%Y%m%dT%H%M%S}Z"
    return f"{name};TZID={zone}:{moment:%Y%m%dT%H%M%S}"


def window(today: date) -> tuple[datetime, datetime]:
    start = datetime(today.year, today.month, today.day, tzinfo=UTC)
    return start, start + timedelta(days=DAYS)
