"""Pure-Python availability engine: open slots from windows, busy time and service rules."""

from hearth.scheduling.engine import (
    MAX_RANGE_DAYS,
    WINDOW_DATE_MARGIN,
    EligibilityCheck,
    local_day_bounds,
    open_slots,
    open_starts,
    window_instants,
)
from hearth.scheduling.model import (
    Busy,
    InvalidRange,
    NaiveDatetime,
    PractitionerCalendar,
    RangeTooLong,
    ServiceRules,
    Slot,
    WallWindow,
)

__all__ = [
    "MAX_RANGE_DAYS",
    "WINDOW_DATE_MARGIN",
    "Busy",
    "EligibilityCheck",
    "InvalidRange",
    "NaiveDatetime",
    "PractitionerCalendar",
    "RangeTooLong",
    "ServiceRules",
    "Slot",
    "WallWindow",
    "local_day_bounds",
    "open_slots",
    "open_starts",
    "window_instants",
]
