import datetime as dt

import pytest
from django.test import RequestFactory, override_settings

from hearth.core.models import RateCounter
from hearth.core.ratelimit import (
    client_address,
    count_submission_made,
    hit_within_limit,
    limited_address,
    submission_allowed,
)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 12, 0, 30, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def test_limit_allows_n_hits_per_window_then_refuses():
    assert [hit_within_limit(key="k", limit=3, window=MINUTE, now=NOW) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    assert hit_within_limit(key="other", limit=3, window=MINUTE, now=NOW) is True
    assert hit_within_limit(key="k", limit=3, window=MINUTE, now=NOW + MINUTE) is True
    assert RateCounter.objects.get(key="k", window_start=NOW.replace(second=0)).hits == 4


def test_zero_turns_the_limit_off_and_counts_nothing():
    assert all(hit_within_limit(key="k", limit=0, window=MINUTE, now=NOW) for _ in range(50))
    assert RateCounter.objects.count() == 0


def test_client_address_uses_only_the_trusted_header():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_address(request) == "10.0.0.1"
    with override_settings(HEARTH_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR"):
        assert client_address(request) == "203.0.113.9"


@override_settings(HEARTH_RATE_LIMIT_PER_IP=10, HEARTH_RATE_LIMIT_PER_EMAIL=5)
def test_submission_counters_keep_no_raw_address_or_email():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    assert submission_allowed(request, email="Alex@Example.org", now=NOW) is True
    count_submission_made(email="Alex@Example.org", now=NOW)  # the booking was made
    keys = sorted(RateCounter.objects.values_list("key", flat=True))
    assert [key.split(":")[0] for key in keys] == ["book-email", "book-ip"]
    assert [len(key.split(":")[1]) for key in keys] == [32, 32]
    assert not any("203.0.113" in key or "example.org" in key.lower() for key in keys)
    # The same person again hits the same two counters.
    assert submission_allowed(request, email="alex@example.org", now=NOW) is True
    count_submission_made(email="alex@example.org", now=NOW)
    assert sorted(RateCounter.objects.values_list("key", "hits")) == [(key, 2) for key in keys]


@override_settings(HEARTH_RATE_LIMIT_PER_EMAIL=2, HEARTH_RATE_LIMIT_PER_IP=0)
def test_only_submissions_made_count_against_an_email():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    for _ in range(10):
        assert submission_allowed(request, email="alex@example.org", now=NOW) is True
    count_submission_made(email="alex@example.org", now=NOW)
    assert submission_allowed(request, email="alex@example.org", now=NOW) is True
    count_submission_made(email="ALEX@example.org", now=NOW)
    assert submission_allowed(request, email="alex@example.org", now=NOW) is False
    assert submission_allowed(request, email="sam@example.org", now=NOW) is True


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("unknown", "unknown"),
    ],
)
def test_ipv6_addresses_are_limited_per_64_network(address, counted_as):
    assert limited_address(RequestFactory().get("/", REMOTE_ADDR=address)) == counted_as


@override_settings(HEARTH_RATE_LIMIT_PER_IP=2, HEARTH_RATE_LIMIT_PER_EMAIL=0)
def test_one_ipv6_network_shares_one_allowance():
    def attempt(address: str) -> bool:
        request = RequestFactory().post("/", REMOTE_ADDR=address)
        return submission_allowed(request, email="alex@example.org", now=NOW)

    assert [attempt(f"2001:db8:1:2::{n}") for n in range(1, 4)] == [True, True, False]
    assert attempt("2001:db8:1:3::1") is True  # the next /64 is someone else
    assert RateCounter.objects.count() == 2
