"""LocalIsoTimes writes the text isoformat() writes, across changes of offset in any zone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hearth.core.local_times import LocalIsoTimes

ZONES = [
    "America/Los_Angeles",  # DST at 02:00 local
    "Australia/Lord_Howe",  # a half-hour DST
    "Asia/Kathmandu",  # +05:45
    "Pacific/Chatham",  # +12:45 / +13:45
    "Africa/Casablanca",  # Ramadan changes, weeks apart
    "Pacific/Kiritimati",  # +14:00
    "America/St_Johns",  # -03:30 / -02:30
    "UTC",
]


def _every(start: dt.datetime, step: dt.timedelta, count: int) -> list[dt.datetime]:
    return [start + step * number for number in range(count)]


@pytest.mark.parametrize("zone_name", ZONES)
def test_every_quarter_hour_of_two_years_reads_as_isoformat(zone_name):
    zone = ZoneInfo(zone_name)
    times = LocalIsoTimes(zone)
    moments = _every(
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.timedelta(minutes=15), 2 * 365 * 96
    )
    assert [times(moment) for moment in moments] == [
        moment.astimezone(zone).isoformat() for moment in moments
    ]


@pytest.mark.parametrize("zone_name", ["America/Los_Angeles", "Australia/Lord_Howe"])
def test_the_seconds_around_a_change_of_offset_read_as_isoformat(zone_name):
    zone = ZoneInfo(zone_name)
    change = {
        "America/Los_Angeles": dt.datetime(2026, 3, 8, 10, 0, tzinfo=dt.UTC),
        "Australia/Lord_Howe": dt.datetime(2026, 4, 4, 15, 0, tzinfo=dt.UTC),
    }[zone_name]
    moments = _every(change - dt.timedelta(seconds=90), dt.timedelta(seconds=1), 180)
    times = LocalIsoTimes(zone)
    expected = [moment.astimezone(zone).isoformat() for moment in moments]
    assert len({text[19:] for text in expected}) == 2  # the offset does change
    assert [times(moment) for moment in moments] == expected


def test_any_order_fractions_other_zones_and_old_offsets_read_as_isoformat():
    zone = ZoneInfo("America/New_York")
    times = LocalIsoTimes(zone)
    moments = [
        dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC),  # the repeated hour, first time
        dt.datetime(2026, 11, 1, 5, 59, 59, tzinfo=dt.UTC),
        dt.datetime(2026, 6, 1, 12, 0, 0, 250_000, tzinfo=dt.UTC),  # a fraction of a second
        dt.datetime(2026, 6, 1, 8, 0, tzinfo=ZoneInfo("Europe/Paris")),
        dt.datetime(1880, 1, 1, 12, 0, tzinfo=dt.UTC),  # local mean time, -04:56:02
        dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC),
    ]
    assert [times(moment) for moment in moments] == [
        moment.astimezone(zone).isoformat() for moment in moments
    ]
    assert times(moments[4]) == "1880-01-01T07:03:58-04:56:02"
