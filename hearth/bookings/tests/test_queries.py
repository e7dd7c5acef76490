"""Reads for booking: whether a location is covered is a flag on the slots result."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hearth.bookings.queries import open_slots_for

from .conftest import NOW

pytestmark = pytest.mark.django_db
WEDNESDAY = dt.date(2027, 3, 10)
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def slots(service, location):
    return open_slots_for(
        service=service,
        first=WEDNESDAY,
        last=WEDNESDAY,
        client_zone=LOS_ANGELES,
        now=NOW,
        location=location,
    )


def test_a_covered_location_has_slots_and_no_notice(practice):
    result = slots(practice["counseling"], "ID")
    assert (result.location_covered, result.notice, len(result.slots)) == (True, None, 3)


def test_without_a_location_nothing_is_refused(practice):
    result = slots(practice["consultation"], None)
    assert (result.location_covered, result.notice, len(result.slots)) == (True, None, 8)


def test_an_uncovered_location_is_flagged_with_a_sentence_for_display(practice):
    result = slots(practice["coaching"], "ID")
    assert (result.location_covered, result.slots) == (False, [])
    assert (
        result.notice == "Coaching by video is offered to clients located in Oregon or Washington."
    )
