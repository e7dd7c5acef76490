"""Pinned DST-day and time-zone examples: wall windows to instants (rule 1), client dates (rule 6)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.scheduling import Slot, WallWindow, local_day_bounds, open_slots, window_instants
from hearth.scheduling.tests.builders import LONG_AGO, calendar, hours, service_rules, utc

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
BOISE = ZoneInfo("America/Boise")
PHOENIX = ZoneInfo("America/Phoenix")
SPRING_FORWARD = date(2027, 3, 14)  # US clocks go 02:00 -> 03:00
FALL_BACK = date(2027, 11, 7)  # US clocks go 02:00 -> 01:00


def starts_for(
    *, zone: str, window: WallWindow, duration_minutes: int = 60, client_zone: str | None = None
) -> list[datetime]:
    slots = open_slots(
        rules=service_rules(duration_minutes=duration_minutes),
        calendars=[calendar(zone=zone, windows=[window])],
        now=LONG_AGO,
        first_date=window.day,
        last_date=window.day,
        client_zone=ZoneInfo(client_zone or zone),
    )
    return [slot.start for slot in slots]


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        # 01:00 PST .. 04:00 PDT: two elapsed hours.
        ("America/Los_Angeles", SPRING_FORWARD, [utc(2027, 3, 14, 9), utc(2027, 3, 14, 10)]),
        # 01:00 PDT (first occurrence) .. 04:00 PST: four elapsed hours.
        (
            "America/Los_Angeles",
            FALL_BACK,
            [utc(2027, 11, 7, 8), utc(2027, 11, 7, 9), utc(2027, 11, 7, 10), utc(2027, 11, 7, 11)],
        ),
        ("America/Boise", SPRING_FORWARD, [utc(2027, 3, 14, 8), utc(2027, 3, 14, 9)]),
        (
            "America/Boise",
            FALL_BACK,
            [utc(2027, 11, 7, 7), utc(2027, 11, 7, 8), utc(2027, 11, 7, 9), utc(2027, 11, 7, 10)],
        ),
        # Arizona keeps MST all year: three hours on both days.
        (
            "America/Phoenix",
            SPRING_FORWARD,
            [utc(2027, 3, 14, 8), utc(2027, 3, 14, 9), utc(2027, 3, 14, 10)],
        ),
        (
            "America/Phoenix",
            FALL_BACK,
            [utc(2027, 11, 7, 8), utc(2027, 11, 7, 9), utc(2027, 11, 7, 10)],
        ),
    ],
)
def test_window_across_two_oclock_counts_elapsed_hours(
    zone: str, day: date, expected: list[datetime]
) -> None:
    assert starts_for(zone=zone, window=hours(day, "01:00", "04:00")) == expected


def test_window_instants_on_dst_days() -> None:
    assert window_instants(hours(SPRING_FORWARD, "01:00", "04:00"), LOS_ANGELES) == (
        utc(2027, 3, 14, 9),
        utc(2027, 3, 14, 11),
    )
    assert window_instants(hours(FALL_BACK, "01:00", "04:00"), LOS_ANGELES) == (
        utc(2027, 11, 7, 8),
        utc(2027, 11, 7, 12),
    )
    assert window_instants(hours(FALL_BACK, "01:00", "04:00"), PHOENIX) == (
        utc(2027, 11, 7, 8),
        utc(2027, 11, 7, 11),
    )


def test_window_starting_in_the_gap_keeps_the_offset_before_it() -> None:
    instants = window_instants(hours(SPRING_FORWARD, "02:30", "04:00"), LOS_ANGELES)

    assert instants == (utc(2027, 3, 14, 10, 30), utc(2027, 3, 14, 11))
    assert instants[0].astimezone(LOS_ANGELES).isoformat() == "2027-03-14T03:30:00-07:00"
    assert starts_for(
        zone="America/Los_Angeles",
        window=hours(SPRING_FORWARD, "02:30", "04:00"),
        duration_minutes=30,
    ) == [utc(2027, 3, 14, 10, 30)]


def test_window_ending_in_the_gap_keeps_the_offset_before_it() -> None:
    # 00:00 PST .. "02:30" read as PST (= 03:30 PDT): two and a half elapsed hours.
    assert window_instants(hours(SPRING_FORWARD, "00:00", "02:30"), LOS_ANGELES) == (
        utc(2027, 3, 14, 8),
        utc(2027, 3, 14, 10, 30),
    )


def test_window_covering_only_the_gap_is_empty() -> None:
    # "02:00" is read as PST, which is the same instant as 03:00 PDT.
    assert window_instants(hours(SPRING_FORWARD, "02:00", "03:00"), LOS_ANGELES) is None
    assert (
        starts_for(zone="America/Los_Angeles", window=hours(SPRING_FORWARD, "02:00", "03:00"))
        == []
    )


def test_ambiguous_start_is_its_first_occurrence() -> None:
    # 01:30 MDT .. 02:00 MST is ninety elapsed minutes on the fall-back day.
    assert starts_for(
        zone="America/Boise", window=hours(FALL_BACK, "01:30", "02:00"), duration_minutes=30
    ) == [utc(2027, 11, 7, 7, 30), utc(2027, 11, 7, 8), utc(2027, 11, 7, 8, 30)]


def test_window_ending_at_2400_runs_to_the_next_local_midnight() -> None:
    # 2027-11-06 22:00 PDT .. 2027-11-07 00:00 PDT.
    assert window_instants(hours(date(2027, 11, 6), "22:00", "24:00"), LOS_ANGELES) == (
        utc(2027, 11, 7, 5),
        utc(2027, 11, 7, 7),
    )
    assert starts_for(
        zone="America/Los_Angeles", window=hours(date(2027, 11, 6), "22:00", "24:00")
    ) == [utc(2027, 11, 7, 5), utc(2027, 11, 7, 6)]


@pytest.mark.parametrize(("start", "end"), [("10:00", "09:00"), ("09:00", "09:00")])
def test_window_ending_at_or_before_its_start_is_empty(start: str, end: str) -> None:
    window = hours(date(2027, 6, 1), start, end)

    assert window_instants(window, PHOENIX) is None
    assert starts_for(zone="America/Phoenix", window=window) == []


def test_client_in_kolkata_gets_slots_from_their_midnight_to_midnight() -> None:
    # Kolkata's 2027-03-15 is [2027-03-14 18:30Z, 2027-03-15 18:30Z); 10:00-12:00 PDT is
    # 17:00Z-19:00Z, so the range cuts both of the practitioner's days.
    slots = open_slots(
        rules=service_rules(duration_minutes=30),
        calendars=[
            calendar(
                zone="America/Los_Angeles",
                windows=[
                    hours(date(2027, 3, 14), "10:00", "12:00"),
                    hours(date(2027, 3, 15), "10:00", "12:00"),
                ],
            )
        ],
        now=LONG_AGO,
        first_date=date(2027, 3, 15),
        last_date=date(2027, 3, 15),
        client_zone=ZoneInfo("Asia/Kolkata"),
    )

    assert [slot.start for slot in slots] == [
        utc(2027, 3, 14, 18, 30),
        utc(2027, 3, 15, 17),
        utc(2027, 3, 15, 17, 30),
        utc(2027, 3, 15, 18),
    ]


def test_client_in_chatham_gets_slots_from_their_midnight_to_midnight() -> None:
    # Chatham is UTC+13:45 in March: its 2027-03-10 is [03-09 10:15Z, 03-10 10:15Z).
    # 03:00-04:00 in Phoenix is 10:00Z-11:00Z.
    slots = open_slots(
        rules=service_rules(duration_minutes=15),
        calendars=[
            calendar(
                zone="America/Phoenix",
                windows=[
                    hours(date(2027, 3, 9), "03:00", "04:00"),
                    hours(date(2027, 3, 10), "03:00", "04:00"),
                ],
            )
        ],
        now=LONG_AGO,
        first_date=date(2027, 3, 10),
        last_date=date(2027, 3, 10),
        client_zone=ZoneInfo("Pacific/Chatham"),
    )

    assert slots == [
        Slot(start=utc(2027, 3, 9, 10, 15), end=utc(2027, 3, 9, 10, 30), practitioners=("sam",)),
        Slot(start=utc(2027, 3, 9, 10, 30), end=utc(2027, 3, 9, 10, 45), practitioners=("sam",)),
        Slot(start=utc(2027, 3, 9, 10, 45), end=utc(2027, 3, 9, 11), practitioners=("sam",)),
        Slot(start=utc(2027, 3, 10, 10), end=utc(2027, 3, 10, 10, 15), practitioners=("sam",)),
    ]


@pytest.mark.parametrize(
    ("practitioner_zone", "window", "client_zone", "client_day"),
    [
        # Pago Pago (UTC-11) 2027-06-01 23:00 is Kiritimati (UTC+14) 2027-06-03 00:00.
        (
            "Pacific/Pago_Pago",
            hours(date(2027, 6, 1), "23:00", "24:00"),
            "Pacific/Kiritimati",
            date(2027, 6, 3),
        ),
        # Kiritimati 2027-06-03 00:00 is Pago Pago 2027-06-01 23:00.
        (
            "Pacific/Kiritimati",
            hours(date(2027, 6, 3), "00:00", "01:00"),
            "Pacific/Pago_Pago",
            date(2027, 6, 1),
        ),
    ],
)
def test_windows_two_dates_from_the_client_still_count(
    practitioner_zone: str, window: WallWindow, client_zone: str, client_day: date
) -> None:
    slots = open_slots(
        rules=service_rules(),
        calendars=[calendar(zone=practitioner_zone, windows=[window])],
        now=LONG_AGO,
        first_date=client_day,
        last_date=client_day,
        client_zone=ZoneInfo(client_zone),
    )

    assert [slot.start for slot in slots] == [utc(2027, 6, 2, 10)]


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("America/Los_Angeles", SPRING_FORWARD, (utc(2027, 3, 14, 8), utc(2027, 3, 15, 7))),
        ("America/Los_Angeles", FALL_BACK, (utc(2027, 11, 7, 7), utc(2027, 11, 8, 8))),
        # Chatham falls back 45 minutes on 2027-04-04: a 25-hour local day.
        ("Pacific/Chatham", date(2027, 4, 4), (utc(2027, 4, 3, 10, 15), utc(2027, 4, 4, 11, 15))),
        ("Asia/Kolkata", date(2027, 3, 15), (utc(2027, 3, 14, 18, 30), utc(2027, 3, 15, 18, 30))),
    ],
)
def test_local_day_bounds_are_client_midnights(
    zone: str, day: date, expected: tuple[datetime, datetime]
) -> None:
    bounds = local_day_bounds(day, day, ZoneInfo(zone))

    assert bounds == expected
    assert all(moment.tzinfo is UTC for moment in bounds)
