"""The slots answer is byte for byte the text isoformat() and json.dumps made of it before."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from hearth.bookings.slots_json import slots_json


def _reference(slug, tz, starts, duration, zone, notice) -> str:
    """The answer as it was written before: isoformat() per time, json.dumps per value."""
    slots = ",".join(
        f'{{"start":"{start.astimezone(zone).isoformat()}",'
        f'"end":"{(start + duration).astimezone(zone).isoformat()}",'
        f'"practitioners":{json.dumps(list(who))}}}'
        for start, who in starts
    )
    return (
        f'{{"service":{json.dumps(slug)},"tz":{json.dumps(tz)},"slots":[{slots}],'
        f'"notice":{json.dumps(notice)}}}'
    )


def _grid(first: dt.datetime, step: dt.timedelta, count: int, who=("ana",)):
    return [(first + step * number, who) for number in range(count)]


CASES = {
    # Half-hourly for 10 days across the spring change, 50-minute sessions.
    "los angeles, spring": (
        "America/Los_Angeles",
        _grid(dt.datetime(2026, 3, 5, 0, 0, tzinfo=dt.UTC), dt.timedelta(minutes=30), 480),
        dt.timedelta(minutes=50),
    ),
    "los angeles, fall": (
        "America/Los_Angeles",
        _grid(dt.datetime(2026, 10, 30, 0, 0, tzinfo=dt.UTC), dt.timedelta(minutes=20), 500),
        dt.timedelta(minutes=90),
    ),
    "lord howe, half-hour change": (
        "Australia/Lord_Howe",
        _grid(dt.datetime(2026, 4, 3, 0, 0, tzinfo=dt.UTC), dt.timedelta(minutes=15), 400),
        dt.timedelta(minutes=45),
    ),
    "chatham, slots across midnight": (
        "Pacific/Chatham",
        _grid(dt.datetime(2026, 4, 1, 0, 5, tzinfo=dt.UTC), dt.timedelta(hours=1), 300),
        dt.timedelta(hours=3),
    ),
    "a duration off the minute": (
        "America/New_York",
        _grid(dt.datetime(2026, 3, 7, 0, 0, tzinfo=dt.UTC), dt.timedelta(minutes=30), 200),
        dt.timedelta(minutes=50, seconds=30),
    ),
    "starts off the minute and in another zone": (
        "Europe/Paris",
        [
            (dt.datetime(2026, 3, 29, 0, 59, 30, tzinfo=dt.UTC), ("ana",)),
            (dt.datetime(2026, 3, 29, 1, 0, 0, 500, tzinfo=dt.UTC), ("ana",)),
            (dt.datetime(2026, 3, 29, 4, 0, tzinfo=ZoneInfo("America/Denver")), ("ana",)),
        ],
        dt.timedelta(minutes=60),
    ),
    "several practitioners, names to escape": (
        "UTC",
        _grid(dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC), dt.timedelta(minutes=30), 3, ("a", "b"))
        + _grid(dt.datetime(2026, 5, 2, 9, tzinfo=dt.UTC), dt.timedelta(hours=1), 2, ('é"\\',)),
        dt.timedelta(minutes=25),
    ),
    "no slots": ("America/Los_Angeles", [], dt.timedelta(minutes=50)),
}


@pytest.mark.parametrize("case", CASES)
def test_the_answer_is_the_encoders_text(case):
    tz, starts, duration = CASES[case]
    zone = ZoneInfo(tz)
    notice = 'Offered in "WA" only' if case == "no slots" else None
    written = slots_json("first-session", tz, starts, duration, zone, notice)
    assert written == _reference("first-session", tz, starts, duration, zone, notice)
