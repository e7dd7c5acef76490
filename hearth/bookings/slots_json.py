"""The slots answer of the API as JSON text, written directly (its shape: SlotsOut).

A 60-day answer holds hundreds of slots. Validating a schema per slot, walking them with
the JSON encoder, or even `astimezone(zone).isoformat()` per time (about a third of the
request) cost more than finding the slots; here each slot is one line of text from pieces
made once: the date per local day, the clock per minute, the offset per stretch of time
over which the zone keeps it (LocalIsoTimes). A time off the minute grid, or a slot across
a change of offset, is written by isoformat() itself. The text is isoformat()'s either way
(a test holds it so). Times need no escaping; names do.
"""

import datetime as dt
import json
from zoneinfo import ZoneInfo

from hearth.core.local_times import CLOCK, DAY_SECONDS, LocalIsoTimes

MINUTES_PER_DAY = 1440


def slots_json(
    service_slug: str,
    tz: str,
    starts: list[tuple[dt.datetime, tuple[str, ...]]],
    duration: dt.timedelta,
    zone: ZoneInfo,
    notice: str | None,
) -> str:
    """The answer for `starts` (`SlotsResult.starts`: each start and who can take it), each
    slot lasting `duration`, in `zone`."""
    times = LocalIsoTimes(zone)
    length = duration.total_seconds()
    # Minute arithmetic only for a whole number of minutes; otherwise every slot the long way.
    length_minutes = int(length) // 60 if length > 0 and length % 60 == 0 else 0
    parts = []
    names: dict[tuple[str, ...], str] = {}
    who_then, who_json = None, ""
    low, last_start, offset, suffix = 0, -1, 0, ""  # starts in [low, last_start] are quick
    day_then, date = None, ""
    for start, who in starts:
        if who is not who_then:
            who_then, who_json = who, names.get(who) or json.dumps(list(who))
            names[who] = who_json
        stamp = start.timestamp()
        seconds = int(stamp)
        if not (low <= seconds <= last_start and seconds == stamp):
            if seconds == stamp and length_minutes:
                low, until, offset, suffix = times.stretch(seconds)
                # Quick while the slot ends inside the stretch, on a whole-minute offset.
                last_start = until - 1 - length_minutes * 60 if offset % 60 == 0 else -1
            if not (low <= seconds <= last_start and seconds == stamp):
                parts.append(_slot_text(start, start + duration, zone, who_json))
                continue
        day, second = divmod(seconds + offset, DAY_SECONDS)
        minute, rest = divmod(second, 60)
        if rest:
            parts.append(_slot_text(start, start + duration, zone, who_json))
            continue
        if day != day_then:
            day_then, date = day, times.date_text(day)
        end_minute = minute + length_minutes
        end_date = date
        if end_minute >= MINUTES_PER_DAY:
            end_day, end_minute = divmod(day * MINUTES_PER_DAY + end_minute, MINUTES_PER_DAY)
            end_date = times.date_text(end_day)
        parts.append(
            f'{{"start":"{date}{CLOCK[minute]}{suffix}",'
            f'"end":"{end_date}{CLOCK[end_minute]}{suffix}","practitioners":{who_json}}}'
        )
    head = f'{{"service":{json.dumps(service_slug)},"tz":{json.dumps(tz)},"slots":['
    return head + ",".join(parts) + f'],"notice":{json.dumps(notice)}}}'


def _slot_text(start: dt.datetime, end: dt.datetime, zone: ZoneInfo, who_json: str) -> str:
    return (
        f'{{"start":"{start.astimezone(zone).isoformat()}",'
        f'"end":"{end.astimezone(zone).isoformat()}","practitioners":{who_json}}}'
    )
