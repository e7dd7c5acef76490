"""Pinned examples of `open_slots`: the grid, notice and horizon, eligibility, merging, ranges."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hearth.scheduling import (
    MAX_RANGE_DAYS,
    InvalidRange,
    NaiveDatetime,
    RangeTooLong,
    Slot,
    local_day_bounds,
    open_slots,
)
from hearth.scheduling.tests.builders import (
    JUNE_1,
    JUNE_2,
    LONG_AGO,
    UTC_ZONE,
    calendar,
    hours,
    open_starts,
    service_rules,
    utc,
)


def test_open_slots_step_through_the_window_and_end_by_its_end() -> None:
    # Phoenix is UTC-7 all year: 09:00-11:00 is 16:00Z-18:00Z; 10:30 + 50 min would overrun.
    slots = open_slots(
        rules=service_rules(duration_minutes=50, interval_minutes=30),
        calendars=[calendar(zone="America/Phoenix", windows=[hours(JUNE_1, "09:00", "11:00")])],
        now=LONG_AGO,
        first_date=JUNE_1,
        last_date=JUNE_1,
        client_zone=ZoneInfo("America/Phoenix"),
    )

    assert slots == [
        Slot(start=utc(2027, 6, 1, 16), end=utc(2027, 6, 1, 16, 50), practitioners=("sam",)),
        Slot(start=utc(2027, 6, 1, 16, 30), end=utc(2027, 6, 1, 17, 20), practitioners=("sam",)),
        Slot(start=utc(2027, 6, 1, 17), end=utc(2027, 6, 1, 17, 50), practitioners=("sam",)),
    ]


def test_open_slots_from_overlapping_and_repeated_windows_are_sorted_and_unique() -> None:
    windows = [
        hours(JUNE_1, "09:00", "11:00"),
        hours(JUNE_1, "09:15", "10:30"),
        hours(JUNE_1, "09:00", "11:00"),
    ]

    assert open_starts(
        rules=service_rules(duration_minutes=30), calendars=[calendar(zone="UTC", windows=windows)]
    ) == [
        utc(2027, 6, 1, 9),
        utc(2027, 6, 1, 9, 15),
        utc(2027, 6, 1, 9, 30),
        utc(2027, 6, 1, 9, 45),
        utc(2027, 6, 1, 10),
        utc(2027, 6, 1, 10, 30),
    ]


def test_open_slots_ignore_windows_on_dates_far_from_the_query() -> None:
    windows = [hours(JUNE_1, "09:00", "10:00"), hours(date(2027, 6, 20), "09:00", "10:00")]

    assert open_starts(
        rules=service_rules(), calendars=[calendar(zone="UTC", windows=windows)]
    ) == [utc(2027, 6, 1, 9)]


@pytest.mark.parametrize(
    ("now", "horizon", "expected"),
    [
        # Notice 60 min from 15:00:00: 16:00 exactly is the first start allowed.
        (
            utc(2027, 6, 1, 15),
            timedelta(hours=2, minutes=30),
            [utc(2027, 6, 1, 16), utc(2027, 6, 1, 16, 30), utc(2027, 6, 1, 17)],
        ),
        # One second later, 16:00 is too soon; the horizon (17:30:01) now lets 17:30 in.
        (
            utc(2027, 6, 1, 15) + timedelta(seconds=1),
            timedelta(hours=2, minutes=30),
            [utc(2027, 6, 1, 16, 30), utc(2027, 6, 1, 17), utc(2027, 6, 1, 17, 30)],
        ),
        # A horizon ending at 17:30 exactly leaves 17:30 out.
        (
            utc(2027, 6, 1, 15),
            timedelta(hours=2, minutes=30, seconds=-1),
            [utc(2027, 6, 1, 16), utc(2027, 6, 1, 16, 30), utc(2027, 6, 1, 17)],
        ),
    ],
)
def test_open_slots_respect_minimum_notice_and_horizon(
    now: datetime, horizon: timedelta, expected: list[datetime]
) -> None:
    rules = service_rules(duration_minutes=30, minimum_notice=timedelta(hours=1), horizon=horizon)
    practitioner = calendar(zone="UTC", windows=[hours(JUNE_1, "15:30", "18:00")])

    assert open_starts(rules=rules, calendars=[practitioner], now=now) == expected


def test_open_slots_accept_now_in_any_zone() -> None:
    now = datetime(2027, 6, 1, 8, tzinfo=ZoneInfo("America/Los_Angeles"))  # 15:00Z
    rules = service_rules(duration_minutes=30, minimum_notice=timedelta(hours=1))
    practitioner = calendar(zone="UTC", windows=[hours(JUNE_1, "15:30", "17:00")])

    assert open_starts(rules=rules, calendars=[practitioner], now=now) == [
        utc(2027, 6, 1, 16),
        utc(2027, 6, 1, 16, 30),
    ]


def test_open_slots_are_empty_when_notice_reaches_past_the_range() -> None:
    rules = service_rules(minimum_notice=timedelta(days=2))
    practitioner = calendar(zone="UTC", windows=[hours(JUNE_1, "09:00", "17:00")])

    assert open_starts(rules=rules, calendars=[practitioner], now=utc(2027, 6, 1)) == []


def test_open_slots_merge_practitioners_whose_slots_coincide() -> None:
    zoe = calendar(
        key="zoe", zone="America/Los_Angeles", windows=[hours(JUNE_1, "09:00", "11:00")]
    )
    amir = calendar(
        key="amir",
        zone="America/New_York",
        windows=[hours(JUNE_1, "12:00", "13:00"), hours(JUNE_1, "14:00", "15:00")],
    )

    slots = open_slots(
        rules=service_rules(),
        calendars=[zoe, amir],
        now=LONG_AGO,
        first_date=JUNE_1,
        last_date=JUNE_1,
        client_zone=UTC_ZONE,
    )

    assert slots == [
        Slot(start=utc(2027, 6, 1, 16), end=utc(2027, 6, 1, 17), practitioners=("amir", "zoe")),
        Slot(start=utc(2027, 6, 1, 17), end=utc(2027, 6, 1, 18), practitioners=("zoe",)),
        Slot(start=utc(2027, 6, 1, 18), end=utc(2027, 6, 1, 19), practitioners=("amir",)),
    ]


def test_open_slots_leave_out_practitioners_not_eligible_on_the_date() -> None:
    windows = [hours(JUNE_1, "09:00", "11:00"), hours(JUNE_2, "09:00", "10:00")]
    asked: list[tuple[str, date]] = []

    def is_eligible(key: str, day: date) -> bool:
        asked.append((key, day))
        return (key, day) != ("amir", JUNE_1)

    slots = open_slots(
        rules=service_rules(),
        calendars=[
            calendar(key="zoe", zone="UTC", windows=windows),
            calendar(key="amir", zone="UTC", windows=windows),
        ],
        now=LONG_AGO,
        first_date=JUNE_1,
        last_date=JUNE_2,
        client_zone=UTC_ZONE,
        is_eligible=is_eligible,
    )

    assert slots == [
        Slot(start=utc(2027, 6, 1, 9), end=utc(2027, 6, 1, 10), practitioners=("zoe",)),
        Slot(start=utc(2027, 6, 1, 10), end=utc(2027, 6, 1, 11), practitioners=("zoe",)),
        Slot(start=utc(2027, 6, 2, 9), end=utc(2027, 6, 2, 10), practitioners=("amir", "zoe")),
    ]
    # Asked once per practitioner and date, with the practitioner's local date.
    assert sorted(asked) == [("amir", JUNE_1), ("amir", JUNE_2), ("zoe", JUNE_1), ("zoe", JUNE_2)]


def test_open_slots_ask_eligibility_with_the_practitioners_local_date() -> None:
    # 2027-06-02 01:00Z is still 2027-06-01 in Los Angeles.
    practitioner = calendar(zone="America/Los_Angeles", windows=[hours(JUNE_1, "18:00", "19:00")])
    asked: list[date] = []

    def is_eligible(key: str, day: date) -> bool:
        asked.append(day)
        return True

    slots = open_slots(
        rules=service_rules(),
        calendars=[practitioner],
        now=LONG_AGO,
        first_date=JUNE_2,
        last_date=JUNE_2,
        client_zone=UTC_ZONE,
        is_eligible=is_eligible,
    )

    assert [slot.start for slot in slots] == [utc(2027, 6, 2, 1)]
    assert asked == [JUNE_1]


def test_open_slots_without_practitioners_or_windows_are_empty() -> None:
    assert open_starts(rules=service_rules(), calendars=[]) == []
    assert open_starts(rules=service_rules(), calendars=[calendar(zone="UTC", windows=[])]) == []


def test_open_slots_refuse_a_practitioner_listed_twice() -> None:
    practitioner = calendar(zone="UTC", windows=[hours(JUNE_1, "09:00", "10:00")])

    with pytest.raises(ValueError, match="once"):
        open_starts(rules=service_rules(), calendars=[practitioner, practitioner])


def test_open_slots_refuse_a_naive_now() -> None:
    with pytest.raises(NaiveDatetime):
        open_starts(rules=service_rules(), calendars=[], now=datetime(2027, 6, 1, 9))


def test_open_slots_accept_sixty_two_dates() -> None:
    practitioner = calendar(
        zone="UTC",
        windows=[
            hours(date(2027, 1, 1), "09:00", "10:00"),
            hours(date(2027, 3, 3), "09:00", "10:00"),
        ],
    )

    assert MAX_RANGE_DAYS == 62
    assert open_starts(
        rules=service_rules(),
        calendars=[practitioner],
        now=datetime(2026, 12, 1, tzinfo=LONG_AGO.tzinfo),
        first_date=date(2027, 1, 1),
        last_date=date(2027, 3, 3),
    ) == [utc(2027, 1, 1, 9), utc(2027, 3, 3, 9)]


def test_open_slots_refuse_sixty_three_dates() -> None:
    with pytest.raises(RangeTooLong, match="63 dates") as refusal:
        open_starts(
            rules=service_rules(),
            calendars=[],
            first_date=date(2027, 1, 1),
            last_date=date(2027, 3, 4),
        )

    assert isinstance(refusal.value, InvalidRange)
    assert isinstance(refusal.value, ValueError)


def test_open_slots_refuse_reversed_dates() -> None:
    with pytest.raises(InvalidRange, match="before the first"):
        open_starts(rules=service_rules(), calendars=[], first_date=JUNE_2, last_date=JUNE_1)


def test_local_day_bounds_check_the_range_like_open_slots() -> None:
    with pytest.raises(RangeTooLong):
        local_day_bounds(date(2027, 1, 1), date(2027, 3, 4), UTC_ZONE)
    with pytest.raises(InvalidRange):
        local_day_bounds(JUNE_2, JUNE_1, UTC_ZONE)
    assert local_day_bounds(JUNE_1, JUNE_2, UTC_ZONE) == (utc(2027, 6, 1), utc(2027, 6, 3))


@pytest.mark.parametrize("keys", [("sam",), ("sam", "ana")])
def test_open_starts_are_the_slots_starts_and_practitioners(keys) -> None:
    from hearth.scheduling import open_starts as engine_open_starts

    calendars = [
        calendar(zone="UTC", key=key, windows=[hours(JUNE_1, "09:00", "12:00" if n else "11:00")])
        for n, key in enumerate(keys)
    ]
    arguments = {
        "rules": service_rules(duration_minutes=50, interval_minutes=30),
        "calendars": calendars,
        "now": LONG_AGO,
        "first_date": JUNE_1,
        "last_date": JUNE_2,
        "client_zone": UTC_ZONE,
    }
    slots = open_slots(**arguments)

    assert len(slots) == (3 if len(keys) == 1 else 5)
    assert engine_open_starts(**arguments) == [(slot.start, slot.practitioners) for slot in slots]
    assert all(slot.end == slot.start + timedelta(minutes=50) for slot in slots)


def test_windows_in_any_order_give_the_same_sorted_starts() -> None:
    windows = [hours(JUNE_1, "09:00", "10:00"), hours(JUNE_2, "09:00", "10:00")]
    rules = service_rules(duration_minutes=30)
    in_order = open_starts(
        rules=rules, calendars=[calendar(zone="UTC", windows=windows)], last_date=JUNE_2
    )
    reversed_order = open_starts(
        rules=rules, calendars=[calendar(zone="UTC", windows=windows[::-1])], last_date=JUNE_2
    )

    assert (
        in_order
        == reversed_order
        == [
            utc(2027, 6, 1, 9),
            utc(2027, 6, 1, 9, 30),
            utc(2027, 6, 2, 9),
            utc(2027, 6, 2, 9, 30),
        ]
    )
