"""A two-day weekend intensive by a counselor in Los Angeles, licensed in WA and ID."""

import datetime as dt

import pytest

from hearth.practice.tests.factories import LicenseFactory, PractitionerFactory
from hearth.workshops.actions import Attendee
from hearth.workshops.models import WorkshopKind

from .factories import WorkshopFactory

# Pinned "now": Monday 2027-03-01 12:00 UTC.
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)
# Saturday 2027-04-10 09:00-16:00 and Sunday 09:00-13:00, Los Angeles (PDT, UTC-7).
SATURDAY = (
    dt.datetime(2027, 4, 10, 16, 0, tzinfo=dt.UTC),
    dt.datetime(2027, 4, 10, 23, 0, tzinfo=dt.UTC),
)
SUNDAY = (
    dt.datetime(2027, 4, 11, 16, 0, tzinfo=dt.UTC),
    dt.datetime(2027, 4, 11, 20, 0, tzinfo=dt.UTC),
)
# 2027-04-08 17:00 in Los Angeles.
DEADLINE = dt.datetime(2027, 4, 9, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def sam(db):
    sam = PractitionerFactory(slug="sam", name="Sam Rivera", timezone="America/Los_Angeles")
    # Washington lapses between the two session days; Idaho covers both.
    LicenseFactory(
        practitioner=sam,
        jurisdiction="WA",
        valid_from=dt.date(2020, 1, 1),
        expires_on=dt.date(2027, 4, 10),
    )
    LicenseFactory(
        practitioner=sam,
        jurisdiction="ID",
        valid_from=dt.date(2020, 1, 1),
        expires_on=dt.date(2030, 1, 1),
    )
    return sam


@pytest.fixture
def intensive(sam):
    workshop = WorkshopFactory(
        slug="weekend-intensive",
        title="Weekend intensive",
        practitioner=sam,
        capacity=3,
        registration_deadline=DEADLINE,
        video_url="https://video.example.org/room/42",
        sessions=[SATURDAY, SUNDAY],
    )
    return workshop


@pytest.fixture
def clinical(sam):
    workshop = WorkshopFactory(
        slug="group",
        title="Group",
        practitioner=sam,
        kind=WorkshopKind.CLINICAL,
        location_policy="licensed",
        registration_deadline=DEADLINE,
        sessions=[SATURDAY, SUNDAY],
    )
    return workshop


def person(n: int, **changes) -> Attendee:
    values = {
        "name": f"Client {n}",
        "email": f"client{n}@example.org",
        "location": "TX",
        "timezone": "America/Chicago",
    } | changes
    return Attendee(**values)
