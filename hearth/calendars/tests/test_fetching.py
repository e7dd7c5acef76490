"""Fetching over HTTP: webcal addresses, conditional requests, addresses kept out of logs."""

import pytest

from hearth.calendars.fetching import (
    FetchFailed,
    fetch_calendar,
    http_address,
    is_public_address,
    short_address,
)

from . import files

LOCAL = frozenset({"127.0.0.1"})
REFUSED = (
    "The calendar's address leads to a private or local network address, which Hearth does "
    "not fetch; a practice's own calendar server can be allowed by its host name in "
    "HEARTH_CALENDAR_INTERNAL_HOSTS."
)


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
    first = fetch_calendar(
        ics_server.url("/a.ics"), timeout_seconds=5, max_bytes=10_000, internal_hosts=LOCAL
    )
    assert (first.body, first.not_modified) == (files.SIMPLE, False)
    again = fetch_calendar(
        ics_server.url("/a.ics"),
        timeout_seconds=5,
        max_bytes=10_000,
        etag=first.etag,
        internal_hosts=LOCAL,
    )
    assert (again.body, again.not_modified, again.etag) == (b"", True, first.etag)


def test_nothing_listening_is_a_plain_failure():
    with pytest.raises(FetchFailed) as error:
        fetch_calendar(
            "http://127.0.0.1:9/none.ics", timeout_seconds=2, max_bytes=10, internal_hosts=LOCAL
        )
    assert str(error.value) == (
        "The calendar's server could not be reached; check the address, or it may be down "
        "for a while."
    )


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.10", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),  # noqa: S104
        ("224.0.0.251", False),
        ("239.255.255.250", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd12:3456::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
    ],
)
def test_only_public_unicast_addresses_count_as_public(address, public):
    assert is_public_address(address) is public


def test_a_loopback_calendar_is_refused_by_default_and_never_asked(ics_server):
    ics_server.files["/a.ics"] = files.SIMPLE
    with pytest.raises(FetchFailed) as error:
        fetch_calendar(ics_server.url("/a.ics"), timeout_seconds=5, max_bytes=10_000)
    assert str(error.value) == REFUSED
    assert ics_server.requests == []


def test_a_local_name_resolving_to_loopback_is_refused(ics_server):
    ics_server.files["/a.ics"] = files.SIMPLE
    port = ics_server.httpd.server_address[1]
    with pytest.raises(FetchFailed) as error:
        fetch_calendar(
            f"http://localhost:{port}/a.ics",
            timeout_seconds=5,
            max_bytes=10_000,
            internal_hosts=LOCAL,  # the address, not the name, is allowed
        )
    assert str(error.value) == REFUSED
    assert ics_server.requests == []


def test_a_named_internal_host_is_fetched(ics_server):
    ics_server.files["/a.ics"] = files.SIMPLE
    fetched = fetch_calendar(
        ics_server.url("/a.ics"), timeout_seconds=5, max_bytes=10_000, internal_hosts=LOCAL
    )
    assert fetched.body == files.SIMPLE


def test_a_redirect_to_a_private_address_is_refused(ics_server):
    port = ics_server.httpd.server_address[1]
    ics_server.files["/inside.ics"] = files.SIMPLE
    ics_server.redirects["/a.ics"] = f"http://localhost:{port}/inside.ics"
    with pytest.raises(FetchFailed) as error:
        fetch_calendar(
            ics_server.url("/a.ics"), timeout_seconds=5, max_bytes=10_000, internal_hosts=LOCAL
        )
    assert str(error.value) == REFUSED
    assert ics_server.requests == [("/a.ics", "")]


def test_a_redirect_within_an_allowed_host_is_followed(ics_server):
    ics_server.files["/new.ics"] = files.SIMPLE
    ics_server.redirects["/a.ics"] = ics_server.url("/new.ics")
    fetched = fetch_calendar(
        ics_server.url("/a.ics"), timeout_seconds=5, max_bytes=10_000, internal_hosts=LOCAL
    )
    assert fetched.body == files.SIMPLE
    assert [path for path, _ in ics_server.requests] == ["/a.ics", "/new.ics"]
