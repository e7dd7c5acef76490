"""A small practice for the slots and API tests: one counselor in Los Angeles time."""

import datetime as dt

import pytest

from hearth.practice.models import LocationPolicy, ServiceKind
from hearth.practice.tests.factories import (
    LicenseFactory,
    PractitionerFactory,
    ServiceFactory,
    WeeklyWindowFactory,
)

# Pinned "now" for these tests: Monday 2027-03-01 12:00 UTC (04:00 in Los Angeles).
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)

# DESIGN.md "What a message may say", written out here rather than imported from
# notifications.rendering, so that a word dropped there still fails these tests.
WORDS_NO_MESSAGE_MAY_CARRY = (
    "therapy",
    "therapist",
    "counseling",
    "counselling",
    "clinical",
    "mental",
    "psychological",
    "abuse",
    "crisis",
    "suicide",
    "diagnosis",
    "treatment",
)


@pytest.fixture
def practice(db):
    sam = PractitionerFactory(slug="sam", name="Sam Rivera", timezone="America/Los_Angeles")
    # Wednesdays 09:00-11:00 Los Angeles time.
    WeeklyWindowFactory(practitioner=sam, weekday=2, start_minute=540, end_minute=660)
    # Washington lapses mid-month; Idaho runs on.
    LicenseFactory(
        practitioner=sam,
        jurisdiction="WA",
        valid_from=dt.date(2020, 1, 1),
        expires_on=dt.date(2027, 3, 15),
    )
    LicenseFactory(
        practitioner=sam,
        jurisdiction="ID",
        valid_from=dt.date(2020, 1, 1),
        expires_on=dt.date(2030, 1, 1),
    )
    counseling = ServiceFactory(
        slug="counseling",
        name="Counseling by video",
        kind=ServiceKind.CLINICAL,
        duration_minutes=50,
        interval_minutes=30,
        minimum_notice_minutes=60,
        horizon_days=60,
        location_policy=LocationPolicy.LICENSED,
        price_cents=15000,
        practitioners=[sam],
    )
    consultation = ServiceFactory(
        slug="free-consultation",
        name="Free 15-minute consultation",
        kind=ServiceKind.CONSULTATION,
        duration_minutes=15,
        buffer_after_minutes=5,
        minimum_notice_minutes=60,
        horizon_days=60,
        practitioners=[sam],
    )
    coaching = ServiceFactory(
        slug="coaching",
        name="Coaching by video",
        kind=ServiceKind.COACHING,
        duration_minutes=50,
        interval_minutes=30,
        location_policy=LocationPolicy.LIST,
        location_codes="WA, OR",
        price_cents=12000,
        practitioners=[sam],
    )
    return {
        "sam": sam,
        "counseling": counseling,
        "consultation": consultation,
        "coaching": coaching,
    }
