import datetime as dt

import pytest

from hearth.install.practice_file import PracticeFileError, parse_practice_file
from hearth.practice.windows import Span

MINIMAL = """
[[practitioners]]
slug = "ana"
name = "Ana"
timezone = "America/Boise"
"""


def messages_for(text: str) -> list[str]:
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_file(text)
    return caught.value.messages


def test_minimal_practitioner_gets_defaults():
    document = parse_practice_file(MINIMAL)
    assert document.practice is None
    (ana,) = document.practitioners
    assert (ana.slug, ana.name, ana.timezone, ana.credentials) == (
        "ana",
        "Ana",
        "America/Boise",
        "",
    )
    assert ana.weekly_hours == {} and ana.licenses == [] and ana.busy_calendars == []


def test_hours_overrides_and_licenses_are_read():
    document = parse_practice_file(
        MINIMAL
        + """weekly_hours = { mon = ["13:00-17:00", "09:00-12:00"], sun = ["20:00-24:00"] }
overrides = { "2027-03-15" = [], "2027-03-16" = ["10:00-12:00"] }
licenses = [ { jurisdiction = "WA", kind = "LMFT", number = "LF-1", valid_from = 2024-01-01, expires_on = 2028-06-30 } ]
"""
    )
    (ana,) = document.practitioners
    assert ana.weekly_hours == {0: [Span(540, 720), Span(780, 1020)], 6: [Span(1200, 1440)]}
    assert ana.overrides == {dt.date(2027, 3, 15): [], dt.date(2027, 3, 16): [Span(600, 720)]}
    assert ana.licenses[0].jurisdiction == "WA"
    assert ana.licenses[0].expires_on == dt.date(2028, 6, 30)


def test_malformed_toml_is_one_clear_message():
    (message,) = messages_for("[practice\nname=")
    assert message.startswith("The file is not valid TOML:")


def test_every_problem_is_reported_and_names_its_entry():
    text = """
[practice]
name = "P"
timezone = "Mars/Olympus"

[[practitioners]]
slug = "ana"
name = "Ana"
timezone = "America/Boise"
shoe_size = 44
weekly_hours = { mon = ["09:00-12:00", "11:00-13:00"], funday = ["09:00-10:00"] }
licenses = [ { jurisdiction = "XX", kind = "LMFT", valid_from = 2025-01-01, expires_on = 2024-01-01 } ]

[[services]]
slug = "chat"
name = "Chat"
kind = "therapy"
duration_minutes = 0
locations = ["WA", "ZZ"]
"""
    assert messages_for(text) == [
        '[practice]: "Mars/Olympus" is not a time zone we know; use a name like America/Los_Angeles',
        'practitioners[0] "ana": unknown key "shoe_size" (known keys: bio, busy_calendars, '
        "credentials, email, licenses, message_of_support, name, overrides, slug, timezone, "
        "weekly_hours)",
        'practitioners[0] "ana": weekly_hours.mon: 09:00-12:00 and 11:00-13:00 overlap; '
        "a day's windows must not overlap.",
        'practitioners[0] "ana": weekly_hours: "funday" is not a weekday (use mon, tue, wed, '
        "thu, fri, sat, sun)",
        'practitioners[0] "ana" licenses[0]: "XX" is not a US state, DC or territory code (e.g. WA)',
        'practitioners[0] "ana" licenses[0]: the license expires (2024-01-01) before it starts '
        "(2025-01-01); expires_on must be on or after valid_from",
        'services[0] "chat": "kind" must be one of consultation, clinical, coaching (got "therapy")',
        'services[0] "chat": "duration_minutes" must be at least 1 (got 0)',
        'services[0] "chat": "locations": not US state, DC or territory codes: ZZ',
    ]


def test_wrong_types_and_missing_keys_are_named():
    text = """
[[practitioners]]
slug = "bad slug!"
timezone = 5

[[services]]
slug = "s"
name = "S"
kind = "coaching"
duration_minutes = true
locations = "everywhere"
"""
    assert messages_for(text) == [
        'practitioners[0] "bad slug!": "bad slug!" is not a valid slug (letters, digits, - and _ only)',
        'practitioners[0] "bad slug!": "name" is required',
        'practitioners[0] "bad slug!": "timezone" must be text in quotes',
        'services[0] "s": "duration_minutes" must be a whole number',
        'services[0] "s": "locations" must be "US", "licensed" or a list of codes like ["WA", "ID"]',
    ]


def test_duplicate_slugs_and_unknown_top_level_keys_are_refused():
    text = MINIMAL + MINIMAL + "\n[extras]\nx = 1\n"
    assert messages_for(text) == [
        'file: unknown key "extras" (known keys: practice, practitioners, services, workshops)',
        'practitioners: the slug "ana" appears more than once',
    ]


def test_dates_must_be_toml_dates_and_override_keys_real_dates():
    text = (
        MINIMAL
        + """overrides = { "2027-02-30" = [] }
licenses = [ { jurisdiction = "WA", kind = "LMFT", valid_from = "2024-01-01", expires_on = 2028-06-30 } ]
"""
    )
    assert messages_for(text) == [
        'practitioners[0] "ana": overrides: "2027-02-30" is not a date like 2027-03-15',
        'practitioners[0] "ana" licenses[0]: "valid_from" must be a date written like 2027-01-31 '
        "(no quotes)",
    ]
