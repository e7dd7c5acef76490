"""Calendar files as a personal calendar app would publish them, for the local server."""


def calendar(*events: str, extra: str = "") -> bytes:
    body = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Test//Personal//EN",
            *([extra] if extra else []),
            *events,
            "END:VCALENDAR",
            "",
        ]
    )
    return body.encode()


def event(uid: str, *lines: str) -> str:
    return "\r\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20270101T000000Z", *lines, "END:VEVENT"]
    )


# Mondays 09:00-10:00 Los Angeles time, four weeks from March 1 2027, the second one removed.
WEEKLY_WITH_EXDATE = calendar(
    event(
        "weekly-exdate",
        "DTSTART;TZID=America/Los_Angeles:20270301T090000",
        "DTEND;TZID=America/Los_Angeles:20270301T100000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "EXDATE;TZID=America/Los_Angeles:20270308T090000",
        "SUMMARY:Standing appointment",
    )
)

# Wednesdays 10:00-11:00 Los Angeles time; the March 10 one moved to 13:00-14:00 that day.
MOVED_OCCURRENCE = calendar(
    event(
        "moved",
        "DTSTART;TZID=America/Los_Angeles:20270303T100000",
        "DTEND;TZID=America/Los_Angeles:20270303T110000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
    ),
    event(
        "moved",
        "RECURRENCE-ID;TZID=America/Los_Angeles:20270310T100000",
        "DTSTART;TZID=America/Los_Angeles:20270310T130000",
        "DTEND;TZID=America/Los_Angeles:20270310T140000",
    ),
)

# An all-day event (Wednesday March 3) next to a timed one.
ALL_DAY = calendar(
    event("holiday", "DTSTART;VALUE=DATE:20270303", "DTEND;VALUE=DATE:20270304", "SUMMARY:Away"),
    event("timed", "DTSTART:20270303T200000Z", "DTEND:20270303T203000Z"),
)

# 09:00-10:00 in Berlin on March 3 (08:00-09:00 UTC) with its own VTIMEZONE.
BERLIN = calendar(
    "\r\n".join(
        [
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Berlin",
            "BEGIN:STANDARD",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
        ]
    ),
    event(
        "berlin",
        "DTSTART;TZID=Europe/Berlin:20270303T090000",
        "DTEND;TZID=Europe/Berlin:20270303T100000",
    ),
)

# Wednesdays 09:30-10:00 Los Angeles time across the spring change (Sunday March 14 2027):
# 17:30 UTC before it, 16:30 UTC after.
ACROSS_DST = calendar(
    event(
        "across-dst",
        "DTSTART;TZID=America/Los_Angeles:20270310T093000",
        "DTEND;TZID=America/Los_Angeles:20270310T100000",
        "RRULE:FREQ=WEEKLY;UNTIL=20270318T000000Z",
    )
)

# Marked free (TRANSP:TRANSPARENT), and a cancelled one: neither blocks by default.
FREE_AND_CANCELLED = calendar(
    event("free", "DTSTART:20270303T170000Z", "DTEND:20270303T180000Z", "TRANSP:TRANSPARENT"),
    event("cancelled", "DTSTART:20270303T180000Z", "DTEND:20270303T190000Z", "STATUS:CANCELLED"),
)

SIMPLE = calendar(event("simple", "DTSTART:20270303T170000Z", "DTEND:20270303T173000Z"))

BROKEN = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:not-a-date\r\n"

HTML_PAGE = b"<!doctype html><html><body>Please sign in</body></html>"
