"""Fetching over HTTP: webcal addresses, conditional requests, addresses kept out of logs."""

import pytest

from hearth.calendars.fetching import FetchFailed, fetch_calendar, http_address, short_address

from . import files


def test_webcal_addresses_are_fetched_over_https():
    assert http_address("webcal://p01.example.com/x.ics") == "https://p01.example.com/x.ics"
    assert http_address("WEBCAL://p01.example.com/x.ics") == "https://p01.example.com/x.ics"
    assert http_address("http://127.0.0.1:8000/x.ics") == "http://127.0.0.1:8000/x.ics"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "https://calendar.example.com/calendar/ical/abc%40group/private-123/basic.ics",
            "calendar.example.com/…",
        ),
        ("webcal://p01-caldav.example.com/published/2/xyz", "p01-caldav.example.com/…"),
        ("https://user:secret@cal.example.org", "cal.example.org"),
    ],
)
def test_short_addresses_hide_the_secret_part(url, shown):
    assert short_address(url) == shown


def test_a_matching_etag_gives_not_modified(ics_server):
    ics_server.files["/a.ics"] = files.SIMPLE
    first = fetch_calendar(ics_server.url("/a.ics"), timeout_seconds=5, max_bytes=10_000)
    assert (first.body, first.not_modified) == (files.SIMPLE, False)
    again = fetch_calendar(
        ics_server.url("/a.ics"), timeout_seconds=5, max_bytes=10_000, etag=first.etag
    )
    assert (again.body, again.not_modified, again.etag) == (b"", True, first.etag)


def test_nothing_listening_is_a_plain_failure():
    with pytest.raises(FetchFailed) as error:
        fetch_calendar("http://127.0.0.1:9/none.ics", timeout_seconds=2, max_bytes=10)
    assert str(error.value) == (
        "The calendar's server could not be reached; check the address, or it may be down "
        "for a while."
    )
