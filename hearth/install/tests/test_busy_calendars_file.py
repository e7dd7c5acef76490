"""Busy calendars in the practice file: addresses, or tables with their options."""

import pytest

from hearth.install.practice_file import (
    PracticeFileError,
    load_practice,
    parse_practice_file,
    practice_document,
    write_practice_file,
)
from hearth.install.practice_file.practitioners import BusyCalendarEntry
from hearth.practice.models import BusyCalendar

PRACTITIONER = """
[[practitioners]]
slug = "ana"
name = "Ana Ruiz"
timezone = "America/Boise"
busy_calendars = {calendars}
"""


def read(calendars: str):
    return parse_practice_file(PRACTITIONER.format(calendars=calendars))


def test_addresses_and_tables_are_read_with_their_options():
    [ana] = read(
        '["webcal://p.example.org/x.ics", '
        '{ url = "https://p.example.org/y.ics", include_transparent = true }]'
    ).practitioners
    assert ana.busy_calendars == [
        BusyCalendarEntry("webcal://p.example.org/x.ics"),
        BusyCalendarEntry("https://p.example.org/y.ics", include_transparent=True),
    ]


@pytest.mark.parametrize(
    ("calendars", "message"),
    [
        (
            '["ftp://p.example.org/x.ics"]',
            'practitioners[0] "ana" busy_calendars[0]: "ftp://p.example.org/x.ics" is not a calendar address (https://… or webcal://…)',
        ),
        (
            '[{ url = "https://p.example.org/x.ics", include_all_day = "yes" }]',
            'practitioners[0] "ana" busy_calendars[0]: "include_all_day" must be true or false',
        ),
        (
            '[{ address = "https://p.example.org/x.ics" }]',
            'practitioners[0] "ana" busy_calendars[0]: unknown key "address" (known keys: include_all_day, include_transparent, url)',
        ),
        (
            '["https://p.example.org/x.ics", "https://p.example.org/x.ics"]',
            'practitioners[0] "ana": busy_calendars: "https://p.example.org/x.ics" is listed more than once',
        ),
        ("[3]", 'practitioners[0] "ana" busy_calendars[0]: must be a table of keys and values'),
    ],
)
def test_bad_entries_are_named(calendars, message):
    with pytest.raises(PracticeFileError) as error:
        read(calendars)
    assert message in error.value.messages


@pytest.mark.django_db
def test_a_reload_keeps_listed_calendars_and_drops_the_others():
    load_practice(document=read('["https://p.example.org/a.ics", "https://p.example.org/b.ics"]'))
    kept = BusyCalendar.objects.get(url="https://p.example.org/a.ics")
    load_practice(
        document=read(
            '[{ url = "https://p.example.org/a.ics", include_all_day = true }, '
            '"https://p.example.org/c.ics"]'
        )
    )
    rows = list(BusyCalendar.objects.values_list("pk", "url", "include_all_day"))
    assert rows[0] == (kept.pk, "https://p.example.org/a.ics", True)
    assert [url for _, url, _ in rows] == [
        "https://p.example.org/a.ics",
        "https://p.example.org/c.ics",
    ]


@pytest.mark.django_db
def test_dump_writes_plain_addresses_unless_an_option_is_set():
    load_practice(
        document=read(
            '["https://p.example.org/b.ics", '
            '{ url = "https://p.example.org/a.ics", include_all_day = true }]'
        )
    )
    text = write_practice_file(practice_document())
    assert (
        'busy_calendars = [{ url = "https://p.example.org/a.ics", include_all_day = true, '
        'include_transparent = false }, "https://p.example.org/b.ics"]'
    ) in text.splitlines()


@pytest.mark.django_db
def test_an_address_the_model_refuses_is_reported_and_nothing_is_stored():
    with pytest.raises(PracticeFileError) as error:
        load_practice(document=read('["https://not a host/x.ics"]'))
    assert error.value.messages == [
        'practitioners "ana" busy_calendars[0]: url: "https://not a host/x.ics" is not a '
        "calendar address; it should start with https:// (or webcal://) and point to an .ics file."
    ]
    assert not BusyCalendar.objects.exists()
