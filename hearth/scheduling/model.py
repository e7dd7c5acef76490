"""Immutable inputs, outputs and errors of the availability engine (plain Python, no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 1440
_NO_TIME = timedelta(0)


class InvalidRange(ValueError):
    """A query's dates are reversed or name more dates than one query may."""


class RangeTooLong(InvalidRange):
    """A query names more than `MAX_RANGE_DAYS` dates."""


class NaiveDatetime(ValueError):
    """A datetime without a time zone reached the engine, which only works with instants."""


def require_aware(value: datetime, *, name: str) -> None:
    """Raise `NaiveDatetime` unless `value` carries a UTC offset."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetime(
            f"{name} is a naive datetime ({value.isoformat()}); "
            "pass an aware datetime, for example in UTC."
        )


@dataclass(frozen=True, slots=True)
class WallWindow:
    """Wall-clock hours on a local date, in the practitioner's zone (DESIGN rule 1).

    `start_minute` counts minutes after local midnight (0..1439); `end_minute` is 1..1440,
    where 1440 means 24:00, the next day's 00:00. An end at or before the start is allowed
    and simply yields no time.
    """

    day: date
    start_minute: int
    end_minute: int

    def __post_init__(self) -> None:
        if not 0 <= self.start_minute < MINUTES_PER_DAY:
            raise ValueError(
                f"A window's start_minute must be 0..1439 (00:00..23:59); got {self.start_minute}."
            )
        if not 0 < self.end_minute <= MINUTES_PER_DAY:
            raise ValueError(
                f"A window's end_minute must be 1..1440 (00:01..24:00); got {self.end_minute}."
            )


@dataclass(frozen=True, slots=True)
class Busy:
    """Time a practitioner cannot be booked into: an active booking, an external busy block
    or a workshop session (DESIGN rule 3).

    `start` and `end` are aware datetimes (any zone; `NaiveDatetime` otherwise). Bookings carry
    the buffers they were made with; other busy time has none. `counts_toward_limit` is True
    for an active booking of the service being queried (daily limit, DESIGN rule 5).
    """

    start: datetime
    end: datetime
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    counts_toward_limit: bool = False

    def __post_init__(self) -> None:
        start, end = self.start, self.end
        # Thousands are made per slots request, nearly all in UTC: that case is checked first.
        if start.tzinfo is UTC and end.tzinfo is UTC:
            ends_before_start = end < start
        else:
            require_aware(start, name="Busy.start")
            require_aware(end, name="Busy.end")
            # Compare instants: datetimes sharing a tzinfo compare by wall clock, ignoring fold.
            ends_before_start = end.astimezone(UTC) < start.astimezone(UTC)
        if ends_before_start:
            raise ValueError(
                f"Busy time ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})."
            )
        if self.buffer_before < _NO_TIME or self.buffer_after < _NO_TIME:
            raise ValueError("Busy buffers cannot be negative.")


@dataclass(frozen=True, slots=True)
class ServiceRules:
    """The booking rules of one service, as elapsed durations.

    `horizon` is `horizon_days * 24h`; `daily_limit` is None when the service has no limit.
    """

    duration: timedelta
    interval: timedelta
    buffer_before: timedelta
    buffer_after: timedelta
    minimum_notice: timedelta
    horizon: timedelta
    daily_limit: int | None

    def __post_init__(self) -> None:
        if self.duration <= timedelta(0):
            raise ValueError("A service's duration must be positive.")
        if self.interval <= timedelta(0):
            raise ValueError("A service's slot interval must be positive.")
        if min(self.buffer_before, self.buffer_after, self.minimum_notice, self.horizon) < (
            timedelta(0)
        ):
            raise ValueError("A service's buffers, minimum notice and horizon cannot be negative.")
        # A limit of 0 would mean "never bookable"; that is said by offering the service to
        # nobody, so it is refused here rather than given a meaning of its own.
        if self.daily_limit is not None and self.daily_limit < 1:
            raise ValueError(
                f"A service's daily limit must be at least 1 (or None); got {self.daily_limit}."
            )


@dataclass(frozen=True, slots=True)
class PractitionerCalendar:
    """One practitioner's working windows and busy time, in any order.

    The caller leaves out the booking being rescheduled, both from `busy` and from the count
    toward the daily limit.
    """

    key: str
    zone: ZoneInfo
    windows: tuple[WallWindow, ...]
    busy: tuple[Busy, ...]


@dataclass(frozen=True, slots=True)
class Slot:
    """An open time: aware UTC start and end, and the sorted keys of who can take it."""

    start: datetime
    end: datetime
    practitioners: tuple[str, ...]
