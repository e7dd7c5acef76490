"""Pinned examples of `open_slots` around busy time: buffers (rule 3) and daily limits (rule 5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hearth.scheduling import Busy, PractitionerCalendar
from hearth.scheduling.tests.builders import (
    JUNE_1,
    JUNE_2,
    JUNE_3,
    calendar,
    hours,
    open_starts,
    service_rules,
    utc,
)


def test_open_slots_allow_back_to_back_bookings() -> None:
    booking = Busy(start=utc(2027, 6, 1, 10), end=utc(2027, 6, 1, 11))
    practitioner = calendar(zone="UTC", windows=[hours(JUNE_1, "09:00", "12:00")], busy=[booking])

    assert open_starts(rules=service_rules(), calendars=[practitioner]) == [
        utc(2027, 6, 1, 9),
        utc(2027, 6, 1, 11),
    ]


def test_open_slots_avoid_zero_length_busy_time_inside_them() -> None:
    instant = Busy(start=utc(2027, 6, 1, 10, 30), end=utc(2027, 6, 1, 10, 30))
    practitioner = calendar(zone="UTC", windows=[hours(JUNE_1, "09:00", "12:00")], busy=[instant])

    assert open_starts(rules=service_rules(), calendars=[practitioner]) == [
        utc(2027, 6, 1, 9),
        utc(2027, 6, 1, 11),
    ]


@pytest.mark.parametrize(
    ("service_buffers", "booking_buffers", "last_before", "first_after"),
    [
        # Before the booking its own 20 beats the service's 15; after it the service's 10
        # beats the booking's 5. Forbidden starts: the open range (10:40, 13:10).
        ((10, 15), (20, 5), utc(2027, 6, 1, 10, 40), utc(2027, 6, 1, 13, 10)),
        # The other way round: the service's 30 beats 20 before, the booking's 25 beats 10
        # after. Forbidden starts: (10:30, 13:25).
        ((10, 30), (20, 25), utc(2027, 6, 1, 10, 30), utc(2027, 6, 1, 13, 25)),
    ],
)
def test_open_slots_keep_the_larger_buffer_on_each_side(
    service_buffers: tuple[int, int],
    booking_buffers: tuple[int, int],
    last_before: datetime,
    first_after: datetime,
) -> None:
    service_before, service_after = service_buffers
    booking_before, booking_after = booking_buffers
    booking = Busy(
        start=utc(2027, 6, 1, 12),
        end=utc(2027, 6, 1, 13),
        buffer_before=timedelta(minutes=booking_before),
        buffer_after=timedelta(minutes=booking_after),
    )
    rules = service_rules(
        interval_minutes=5,
        buffer_before_minutes=service_before,
        buffer_after_minutes=service_after,
    )
    practitioner = calendar(zone="UTC", windows=[hours(JUNE_1, "10:00", "14:40")], busy=[booking])

    assert open_starts(rules=rules, calendars=[practitioner]) == [
        *_every_five_minutes(utc(2027, 6, 1, 10), last_before),
        *_every_five_minutes(first_after, utc(2027, 6, 1, 13, 40)),
    ]


def _every_five_minutes(first: datetime, last: datetime) -> list[datetime]:
    count = (last - first) // timedelta(minutes=5) + 1
    return [first + step * timedelta(minutes=5) for step in range(count)]


def test_open_slots_read_busy_time_written_in_local_time_as_instants() -> None:
    # 01:30 on the fall-back day is 08:30Z (first occurrence); plus an hour is 09:30Z, not the
    # 10:30Z that wall-clock arithmetic on the Los Angeles datetime would give.
    los_angeles = ZoneInfo("America/Los_Angeles")
    booking = Busy(
        start=datetime(2027, 11, 7, 0, 0, tzinfo=los_angeles),
        end=datetime(2027, 11, 7, 1, 30, tzinfo=los_angeles),
        buffer_after=timedelta(hours=1),
    )
    practitioner = calendar(
        zone="America/Los_Angeles",
        windows=[hours(date(2027, 11, 7), "00:00", "04:00")],
        busy=[booking],
    )

    assert open_starts(
        rules=service_rules(duration_minutes=30),
        calendars=[practitioner],
        first_date=date(2027, 11, 7),
    ) == [
        utc(2027, 11, 7, 9, 30),
        utc(2027, 11, 7, 10),
        utc(2027, 11, 7, 10, 30),
        utc(2027, 11, 7, 11),
        utc(2027, 11, 7, 11, 30),
    ]


def test_open_slots_subtract_buffers_from_local_busy_time_in_elapsed_time() -> None:
    # 03:30 PDT on the spring-forward day is 10:30Z; an hour-long slot must start by 09:30Z.
    # Wall-clock arithmetic would land on the nonexistent 02:30 (read as 10:30Z) instead.
    los_angeles = ZoneInfo("America/Los_Angeles")
    booking = Busy(
        start=datetime(2027, 3, 14, 3, 30, tzinfo=los_angeles),
        end=datetime(2027, 3, 14, 4, tzinfo=los_angeles),
    )
    practitioner = calendar(
        zone="America/Los_Angeles",
        windows=[hours(date(2027, 3, 14), "00:00", "06:00")],
        busy=[booking],
    )

    assert open_starts(
        rules=service_rules(interval_minutes=30),
        calendars=[practitioner],
        first_date=date(2027, 3, 14),
    ) == [
        utc(2027, 3, 14, 8),
        utc(2027, 3, 14, 8, 30),
        utc(2027, 3, 14, 9),
        utc(2027, 3, 14, 9, 30),
        utc(2027, 3, 14, 11),
        utc(2027, 3, 14, 11, 30),
        utc(2027, 3, 14, 12),
    ]


def _daily_limit_calendar(*, second_booking_counts: bool) -> PractitionerCalendar:
    # Both bookings start on 2027-06-02 in Los Angeles; the second one is 2027-06-03 in UTC.
    return calendar(
        zone="America/Los_Angeles",
        windows=[hours(JUNE_2, "09:00", "10:00"), hours(JUNE_3, "09:00", "10:00")],
        busy=[
            Busy(start=utc(2027, 6, 2, 17), end=utc(2027, 6, 2, 18), counts_toward_limit=True),
            Busy(
                start=utc(2027, 6, 3, 3),
                end=utc(2027, 6, 3, 4),
                counts_toward_limit=second_booking_counts,
            ),
        ],
    )


@pytest.mark.parametrize(
    ("daily_limit", "second_booking_counts", "expected"),
    [
        # Two counted bookings on the practitioner's 2027-06-02: that date is full.
        (2, True, [utc(2027, 6, 3, 16)]),
        (3, True, [utc(2027, 6, 2, 16), utc(2027, 6, 3, 16)]),
        # Busy time that is not a booking of this service does not count.
        (2, False, [utc(2027, 6, 2, 16), utc(2027, 6, 3, 16)]),
        (None, True, [utc(2027, 6, 2, 16), utc(2027, 6, 3, 16)]),
    ],
)
def test_open_slots_stop_at_the_daily_limit_on_the_practitioners_date(
    daily_limit: int | None, second_booking_counts: bool, expected: list[datetime]
) -> None:
    practitioner = _daily_limit_calendar(second_booking_counts=second_booking_counts)

    assert (
        open_starts(
            rules=service_rules(daily_limit=daily_limit),
            calendars=[practitioner],
            first_date=JUNE_2,
            last_date=JUNE_3,
        )
        == expected
    )
