"""Parse and check wall-clock windows written as "HH:MM-HH:MM" (24:00 allowed as an end)."""

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
MINUTES_PER_DAY = 24 * 60

_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})\s*$")


class WindowError(ValueError):
    """A window a person wrote cannot be used; the message says why in plain words."""


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Minutes after local midnight: start in 0..1439, end in 1..1440 (1440 is 24:00)."""

    start_minute: int
    end_minute: int

    def __str__(self) -> str:
        return f"{format_minute(self.start_minute)}-{format_minute(self.end_minute)}"


def format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_window(text: str) -> Span:
    """Read "09:00-12:00"; raise WindowError with a readable message when it is not a window."""
    match = _WINDOW.match(text)
    if not match:
        raise WindowError(f'"{text}" is not a time window; write it like 09:00-12:00.')
    start_hour, start_min, end_hour, end_min = (int(group) for group in match.groups())
    if start_hour > 23 or start_min > 59:
        raise WindowError(f'"{text}" starts at a time that does not exist.')
    if end_min > 59 or end_hour > 24 or (end_hour == 24 and end_min != 0):
        raise WindowError(f'"{text}" ends at a time that does not exist (24:00 is the latest).')
    span = Span(start_hour * 60 + start_min, end_hour * 60 + end_min)
    if span.end_minute <= span.start_minute:
        raise WindowError(f'"{text}" ends before it starts; the end must be after the start.')
    return span


def parse_day(texts: Iterable[str]) -> list[Span]:
    """Read one day's windows, sorted; raise WindowError if any is malformed or two overlap."""
    spans = sorted(parse_window(text) for text in texts)
    check_no_overlap(spans)
    return spans


def check_no_overlap(spans: list[Span]) -> None:
    """Raise WindowError if two of the (sorted) spans overlap; touching ends are fine."""
    for earlier, later in itertools.pairwise(spans):
        if later.start_minute < earlier.end_minute:
            raise WindowError(f"{earlier} and {later} overlap; a day's windows must not overlap.")


def parse_line(text: str) -> list[Span]:
    """Read a day written on one line: "09:00-12:00, 13:00-17:00" (empty means no hours)."""
    parts = [part for part in re.split(r"[,;\n]+", text) if part.strip()]
    return parse_day(parts)


def format_line(spans: Iterable[Span]) -> str:
    return ", ".join(str(span) for span in sorted(spans))
