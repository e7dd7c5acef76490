"""ISO 8601 local times for many instants in one zone, written from whole seconds.

`moment.astimezone(zone).isoformat()` asks the zone for the offset twice (once to convert,
once more to print it) and costs about a microsecond and a half: a 60-day slots answer
holds a thousand of them, which was a third of the request. `LocalIsoTimes` asks the zone
once per stretch of up to a day over which the offset holds (a DST change ends a stretch
where it falls, found by halving), and writes every time as text pieces made once: the
date per local day, the clock per minute, the offset per stretch. A moment with a fraction
of a second takes the long way; the text is the same either way (a test holds it so).

The one assumption: a zone changes its offset at most once within any 24 hours. tzdata's
rules for the present and the future (DST on and off, Morocco's Ramadan changes) keep
changes weeks apart; a few historical changes did not, so the times of bookable slots
(never in the past) are what this is for.
"""

import datetime as dt
from zoneinfo import ZoneInfo

DAY_SECONDS = 86_400
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
# "HH:MM:00" for every minute of a day.
CLOCK = [f"{minute // 60:02d}:{minute % 60:02d}:00" for minute in range(1440)]


class LocalIsoTimes:
    """`times(moment)` == `moment.astimezone(zone).isoformat()` for aware datetimes; fastest
    when called in time order (each stretch of one offset is looked up once). A writer of
    many times at once can use its pieces inline (`stretch`, `date_text`, `CLOCK`): the
    call per time costs about as much as the writing (hearth/bookings/slots_json.py)."""

    def __init__(self, zone: ZoneInfo):
        self.zone = zone
        self._from = self._until = 0  # the stretch [from, until) in epoch seconds
        self._offset = 0
        self._offset_delta: dt.timedelta | None = None
        self._suffix = ""
        self._unchanged_at_until = False  # the offset at `until` is the stretch's
        self._dates: dict[int, str] = {}

    def __call__(self, moment: dt.datetime) -> str:
        stamp = moment.timestamp()
        seconds = int(stamp)
        if seconds != stamp:
            return moment.astimezone(self.zone).isoformat()
        if not self._from <= seconds < self._until:
            self.stretch(seconds)
        day, second = divmod(seconds + self._offset, DAY_SECONDS)
        date = self._dates.get(day) or self.date_text(day)
        minute, rest = divmod(second, 60)
        clock = CLOCK[minute] if rest == 0 else f"{CLOCK[minute][:6]}{rest:02d}"
        return f"{date}{clock}{self._suffix}"

    def date_text(self, day: int) -> str:
        """ "YYYY-MM-DDT" of local day `day` (days since 1970-01-01), kept."""
        text = self._dates[day] = dt.date.fromordinal(_EPOCH_ORDINAL + day).isoformat() + "T"
        return text

    def stretch(self, seconds: int) -> tuple[int, int, int, str]:
        """From `seconds` (since the epoch, UTC) on, the stretch `[from, until)` over which
        the zone's offset holds, the offset in seconds and as isoformat() writes it.

        A stretch that ended a day on without a change is carried a day further when
        `seconds` lies in that next day and the offset is the same at its end (one look-up
        rather than a new stretch's two).
        """
        if self._unchanged_at_until and self._until <= seconds < self._until + DAY_SECONDS:
            further = self._until + DAY_SECONDS
            if self._offset_at(further) == self._offset_delta:
                self._until = further
                return self._from, self._until, self._offset, self._suffix
        local = dt.datetime.fromtimestamp(seconds, self.zone)
        offset = local.utcoffset()
        until = seconds + DAY_SECONDS
        self._unchanged_at_until = self._offset_at(until) == offset
        if not self._unchanged_at_until:
            # One change within the day: halve [seconds, until) down to its first second.
            low, high = seconds, until
            while high - low > 1:
                middle = (low + high) // 2
                if self._offset_at(middle) == offset:
                    low = middle
                else:
                    high = middle
            until = high
        self._from, self._until = seconds, until
        if offset != self._offset_delta or not self._suffix:
            self._offset_delta = offset
            self._offset = int(offset.total_seconds())
            self._suffix = local.isoformat()[19:]  # the offset as isoformat() writes it
        return self._from, self._until, self._offset, self._suffix

    def _offset_at(self, seconds: int) -> dt.timedelta:
        return dt.datetime.fromtimestamp(seconds, self.zone).utcoffset()
