"""Date formats for English: every date-time names its zone (the admin shows the practice's)."""

DATETIME_FORMAT = "N j, Y, P T"
SHORT_DATETIME_FORMAT = "m/d/Y P T"
