"""Time zones a client can choose: the names we know and the picker's short list."""

import zoneinfo
from functools import cache

COMMON_ZONES = [
    ("America/New_York", "Eastern time"),
    ("America/Chicago", "Central time"),
    ("America/Denver", "Mountain time"),
    ("America/Phoenix", "Arizona time"),
    ("America/Los_Angeles", "Pacific time"),
    ("America/Anchorage", "Alaska time"),
    ("Pacific/Honolulu", "Hawaii time"),
    ("America/Puerto_Rico", "Atlantic time"),
    ("Pacific/Guam", "Guam time"),
    ("UTC", "UTC"),
]


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_choices(current: str) -> list[tuple[str, str]]:
    """The picker's (value, label) pairs: the common US zones, with `current` first when it
    is not one of them."""
    choices = list(COMMON_ZONES)
    if current and current not in dict(choices):
        choices.insert(0, (current, current.replace("_", " ")))
    return choices
