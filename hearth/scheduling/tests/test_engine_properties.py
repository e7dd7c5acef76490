"""Property tests: the engine against the brute-force oracle, around DST days in many zones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from hearth.scheduling import (
    Busy,
    PractitionerCalendar,
    ServiceRules,
    Slot,
    WallWindow,
    open_slots,
    window_instants,
)
from hearth.scheduling.tests.oracle import conflicts, oracle_open_slots, wall_clock_seconds

ZONE_NAMES = [
    "America/Los_Angeles",
    "America/Boise",
    "America/Phoenix",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "Europe/London",
    # The widest pair in tzdata (UTC+14 and UTC-11): local dates two apart at the same instant.
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
]
# US, UK, Lord Howe (30-minute shift) and Chatham DST days of 2027.
DST_DAYS = [
    date(2027, 3, 14),
    date(2027, 11, 7),
    date(2027, 3, 28),
    date(2027, 10, 31),
    date(2027, 4, 4),
    date(2027, 9, 26),
    date(2027, 10, 3),
]
PRACTITIONER_KEYS = ["zoe", "amir", "bea"]

zones = st.sampled_from(ZONE_NAMES).map(ZoneInfo)
# Minute-granular times, with extra weight on the hours around the 01:00-03:00 transitions and
# on half hours (so that different practitioners' grids meet).
start_minutes = st.one_of(
    st.integers(0, 1439), st.integers(0, 240), st.integers(0, 47).map(lambda half: half * 30)
)


@st.composite
def wall_windows(draw: st.DrawFn, *, first_date: date, last_date: date) -> WallWindow:
    # Mostly on the queried dates; sometimes up to four dates away, which must not matter.
    days = (last_date - first_date).days
    day = first_date + timedelta(days=draw(st.integers(0, days) | st.integers(-4, days + 4)))
    start_minute = draw(start_minutes)
    # Mostly a real stretch of time; sometimes 24:00, or any end at all (possibly empty).
    end_minute = draw(
        st.integers(1, 720).map(lambda length: min(1440, start_minute + length))
        | st.just(1440)
        | st.integers(1, 1440)
    )
    return WallWindow(day=day, start_minute=start_minute, end_minute=end_minute)


minutes = st.one_of(st.just(0), st.integers(0, 60))


@dataclass(frozen=True)
class Scenario:
    rules: ServiceRules
    calendars: tuple[PractitionerCalendar, ...]
    now: datetime
    first_date: date
    last_date: date
    client_zone: ZoneInfo
    is_eligible: Callable[[str, date], bool] | None

    def engine(self) -> list[Slot]:
        return open_slots(
            rules=self.rules,
            calendars=self.calendars,
            now=self.now,
            first_date=self.first_date,
            last_date=self.last_date,
            client_zone=self.client_zone,
            is_eligible=self.is_eligible,
        )

    def oracle(self) -> list[Slot]:
        return oracle_open_slots(
            rules=self.rules,
            calendars=self.calendars,
            now=self.now,
            first_date=self.first_date,
            last_date=self.last_date,
            client_zone=self.client_zone,
            is_eligible=self.is_eligible,
        )


@st.composite
def service_rules(draw: st.DrawFn) -> ServiceRules:
    return ServiceRules(
        duration=timedelta(
            minutes=draw(st.one_of(st.sampled_from([15, 50, 60]), st.integers(1, 180)))
        ),
        interval=timedelta(
            minutes=draw(st.one_of(st.sampled_from([15, 30]), st.integers(5, 120)))
        ),
        buffer_before=timedelta(minutes=draw(minutes)),
        buffer_after=timedelta(minutes=draw(minutes)),
        # Mostly generous, sometimes cutting through the queried dates.
        minimum_notice=timedelta(minutes=draw(st.integers(0, 720) | st.integers(0, 3 * 1440))),
        horizon=timedelta(
            minutes=draw(st.integers(5 * 1440, 14 * 1440) | st.integers(0, 7 * 1440))
        ),
        daily_limit=draw(st.none() | st.integers(1, 3)),
    )


@st.composite
def calendars_for(
    draw: st.DrawFn, *, key: str, first_date: date, last_date: date
) -> PractitionerCalendar:
    zone = draw(zones)
    windows = draw(
        st.lists(wall_windows(first_date=first_date, last_date=last_date), min_size=1, max_size=6)
    )
    midnight = datetime.combine(first_date, time(0), tzinfo=UTC)
    busy = []
    for _ in range(draw(st.integers(0, 8))):
        # Quarter-hour starts meet the grid often enough to test back-to-back edges exactly.
        reach = ((last_date - first_date).days + 2) * 1440
        offset = draw(
            st.integers(-96, reach // 15).map(lambda quarter: quarter * 15)
            | st.integers(-3 * 1440, reach)
        )
        start = midnight + timedelta(minutes=offset)
        end = start + timedelta(minutes=draw(st.integers(0, 240)))
        written_in = draw(st.sampled_from([UTC, zone]))
        busy.append(
            Busy(
                start=start.astimezone(written_in),
                end=end.astimezone(written_in),
                buffer_before=timedelta(minutes=draw(minutes)),
                buffer_after=timedelta(minutes=draw(minutes)),
                counts_toward_limit=draw(st.booleans()),
            )
        )
    return PractitionerCalendar(key=key, zone=zone, windows=tuple(windows), busy=tuple(busy))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    around = draw(st.sampled_from(DST_DAYS))
    first_date = around + timedelta(days=draw(st.integers(-2, 1)))
    last_date = first_date + timedelta(days=draw(st.integers(0, 3)))
    keys = draw(st.lists(st.sampled_from(PRACTITIONER_KEYS), min_size=1, max_size=3, unique=True))
    calendars = tuple(
        draw(calendars_for(key=key, first_date=first_date, last_date=last_date)) for key in keys
    )
    # Mostly before the queried dates, sometimes inside them.
    seconds_from_first_date = draw(st.integers(-3 * 86400, 86400))
    now = datetime.combine(first_date, time(0), tzinfo=UTC) + timedelta(
        seconds=seconds_from_first_date
    )
    ineligible = draw(
        st.none()
        | st.frozensets(
            st.tuples(st.sampled_from(keys), st.integers(-3, 6)).map(
                lambda pair: (pair[0], first_date + timedelta(days=pair[1]))
            )
        )
    )
    return Scenario(
        rules=draw(service_rules()),
        calendars=calendars,
        now=now,
        first_date=first_date,
        last_date=last_date,
        client_zone=draw(zones),
        is_eligible=None
        if ineligible is None
        else (lambda key, day: (key, day) not in ineligible),
    )


@given(scenarios())
def test_open_slots_match_the_oracle(scenario: Scenario) -> None:
    assert scenario.engine() == scenario.oracle()


@st.composite
def far_apart_scenarios(draw: st.DrawFn) -> Scenario:
    """Client and practitioners at opposite ends of the offsets (UTC+14, UTC-11), with a window
    two local dates away from the queried ones that still reaches into them."""
    scenario = draw(scenarios())
    east, west = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")
    client_in_east = draw(st.booleans())
    if client_in_east:
        # The client's first midnight is 23:00 in Pago Pago two dates earlier.
        edge = WallWindow(
            day=scenario.first_date - timedelta(days=2),
            start_minute=draw(st.integers(1200, 1439)),
            end_minute=1440,
        )
    else:
        # The client's last midnight is 01:00 in Kiritimati two dates later.
        edge = WallWindow(
            day=scenario.last_date + timedelta(days=2),
            start_minute=0,
            end_minute=draw(st.integers(1, 240)),
        )
    calendars = tuple(
        replace(calendar, zone=west if client_in_east else east, windows=(*calendar.windows, edge))
        for calendar in scenario.calendars
    )
    return replace(scenario, calendars=calendars, client_zone=east if client_in_east else west)


@given(far_apart_scenarios())
def test_open_slots_match_the_oracle_for_zones_two_dates_apart(scenario: Scenario) -> None:
    assert scenario.engine() == scenario.oracle()


@given(scenarios())
def test_open_slots_do_not_depend_on_input_order(scenario: Scenario) -> None:
    shuffled = tuple(
        PractitionerCalendar(
            key=calendar.key,
            zone=calendar.zone,
            windows=calendar.windows[::-1],
            busy=calendar.busy[::-1],
        )
        for calendar in reversed(scenario.calendars)
    )
    reordered = replace(scenario, calendars=shuffled)
    assert reordered.engine() == scenario.engine()


@given(scenarios())
def test_open_slots_obey_every_rule(scenario: Scenario) -> None:
    slots = scenario.engine()
    rules = scenario.rules
    calendars = {calendar.key: calendar for calendar in scenario.calendars}
    range_start = wall_clock_seconds(scenario.first_date, 0, scenario.client_zone)
    range_end = wall_clock_seconds(scenario.last_date, 1440, scenario.client_zone)

    starts = [slot.start for slot in slots]
    assert starts == sorted(set(starts)), "sorted by start, one slot per start"
    for slot in slots:
        assert slot.start.tzinfo is UTC and slot.end.tzinfo is UTC
        assert slot.end - slot.start == rules.duration
        assert range_start <= slot.start.timestamp() < range_end
        assert scenario.now + rules.minimum_notice <= slot.start < scenario.now + rules.horizon
        assert list(slot.practitioners) == sorted(set(slot.practitioners))
        assert slot.practitioners
        for key in slot.practitioners:
            calendar = calendars[key]
            assert _on_some_window_grid(slot, calendar, rules)
            start, end = round(slot.start.timestamp()), round(slot.end.timestamp())
            assert not any(conflicts(start, end, entry, rules) for entry in calendar.busy)
            day = slot.start.astimezone(calendar.zone).date()
            if rules.daily_limit is not None:
                counted = [
                    entry
                    for entry in calendar.busy
                    if entry.counts_toward_limit
                    and entry.start.astimezone(calendar.zone).date() == day
                ]
                assert len(counted) < rules.daily_limit
            if scenario.is_eligible is not None:
                assert scenario.is_eligible(key, day)


def _on_some_window_grid(slot: Slot, calendar: PractitionerCalendar, rules: ServiceRules) -> bool:
    for window in calendar.windows:
        instants = window_instants(window, calendar.zone)
        if instants is not None:
            window_start, window_end = instants
            inside = window_start <= slot.start and slot.end <= window_end
            if inside and (slot.start - window_start) % rules.interval == timedelta(0):
                return True
    return False


@given(
    window=st.sampled_from(DST_DAYS).flatmap(
        lambda day: wall_windows(first_date=day, last_date=day)
    ),
    zone=zones,
)
@example(window=WallWindow(date(2027, 3, 14), 150, 180), zone=ZoneInfo("America/Los_Angeles"))
@example(window=WallWindow(date(2027, 11, 7), 90, 60), zone=ZoneInfo("America/Boise"))
def test_window_instants_read_wall_time_with_fold_zero(window: WallWindow, zone: ZoneInfo) -> None:
    start = wall_clock_seconds(window.day, window.start_minute, zone)
    end = wall_clock_seconds(window.day, window.end_minute, zone)
    instants = window_instants(window, zone)
    if end <= start:
        assert instants is None
    else:
        assert instants is not None
        assert [moment.timestamp() for moment in instants] == [start, end]
        assert all(moment.tzinfo is UTC for moment in instants)
