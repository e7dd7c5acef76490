"""The engine's value types refuse impossible inputs when they are built."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from hearth.scheduling import Busy, NaiveDatetime, ServiceRules, WallWindow
from hearth.scheduling.tests.builders import utc


@pytest.mark.parametrize(("start_minute", "end_minute"), [(0, 1), (1439, 1440), (600, 540)])
def test_wall_window_accepts_minutes_of_the_day(start_minute: int, end_minute: int) -> None:
    window = WallWindow(day=date(2027, 6, 1), start_minute=start_minute, end_minute=end_minute)

    assert (window.start_minute, window.end_minute) == (start_minute, end_minute)


@pytest.mark.parametrize(
    ("start_minute", "end_minute", "message"),
    [
        (-1, 60, "start_minute"),
        (1440, 1440, "start_minute"),
        (0, 0, "end_minute"),
        (0, 1441, "end_minute"),
    ],
)
def test_wall_window_refuses_minutes_outside_the_day(
    start_minute: int, end_minute: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        WallWindow(day=date(2027, 6, 1), start_minute=start_minute, end_minute=end_minute)


def test_busy_refuses_naive_start_and_end() -> None:
    with pytest.raises(NaiveDatetime, match=r"Busy\.start"):
        Busy(start=datetime(2027, 6, 1, 9), end=utc(2027, 6, 1, 10))
    with pytest.raises(NaiveDatetime, match=r"Busy\.end"):
        Busy(start=utc(2027, 6, 1, 9), end=datetime(2027, 6, 1, 10))


def test_busy_refuses_an_end_before_its_start() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Busy(start=utc(2027, 6, 1, 10), end=utc(2027, 6, 1, 9))


def test_busy_across_a_fall_back_is_compared_as_instants() -> None:
    # 01:50 PDT, then 01:05 PST: 15 minutes later, though the wall clock went back.
    la = ZoneInfo("America/Los_Angeles")
    start = datetime(2027, 11, 7, 1, 50, tzinfo=la)
    end = datetime(2027, 11, 7, 1, 5, fold=1, tzinfo=la)
    busy = Busy(start=start, end=end)
    assert busy.end.astimezone(UTC) - busy.start.astimezone(UTC) == timedelta(minutes=15)


@pytest.mark.parametrize("buffer", ["buffer_before", "buffer_after"])
def test_busy_refuses_negative_buffers(buffer: str) -> None:
    negative: dict[str, Any] = {buffer: timedelta(minutes=-1)}

    with pytest.raises(ValueError, match="negative"):
        Busy(start=utc(2027, 6, 1, 9), end=utc(2027, 6, 1, 10), **negative)


VALID_RULES: dict[str, Any] = {
    "duration": timedelta(minutes=50),
    "interval": timedelta(minutes=30),
    "buffer_before": timedelta(0),
    "buffer_after": timedelta(minutes=10),
    "minimum_notice": timedelta(hours=12),
    "horizon": timedelta(days=60),
    "daily_limit": 6,
}


def test_service_rules_accept_sensible_values() -> None:
    assert ServiceRules(**{**VALID_RULES, "daily_limit": None}).daily_limit is None
    assert ServiceRules(**VALID_RULES).daily_limit == 6


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration", timedelta(0), "duration"),
        ("interval", timedelta(0), "interval"),
        ("buffer_before", timedelta(minutes=-5), "negative"),
        ("buffer_after", timedelta(minutes=-5), "negative"),
        ("minimum_notice", timedelta(minutes=-5), "negative"),
        ("horizon", timedelta(days=-1), "negative"),
        ("daily_limit", 0, "daily limit"),
    ],
)
def test_service_rules_refuse_impossible_values(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ServiceRules(**{**VALID_RULES, field: value})
