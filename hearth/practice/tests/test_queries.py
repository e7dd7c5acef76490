"""Reads of practice data: licenses about to lapse."""

import datetime as dt

import pytest

from hearth.practice.queries import licenses_lapsing

from .factories import LicenseFactory, PractitionerFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 5, 1)


def lapsing_license(number: int) -> None:
    """A practitioner with a license lapsing in June, and another, renewed, in Washington."""
    person = PractitionerFactory(name=f"Person {number:02d}")
    LicenseFactory(practitioner=person, jurisdiction="ID", expires_on=dt.date(2027, 6, 1))
    LicenseFactory(practitioner=person, jurisdiction="WA", expires_on=dt.date(2027, 6, 1))
    LicenseFactory(
        practitioner=person,
        jurisdiction="WA",
        valid_from=dt.date(2027, 6, 2),
        expires_on=dt.date(2029, 6, 1),
    )


def test_licenses_lapsing_leaves_out_renewed_ones_and_the_far_off():
    lapsing_license(1)
    sam = PractitionerFactory(name="Sam Rivera")
    LicenseFactory(practitioner=sam, jurisdiction="OR", expires_on=dt.date(2027, 7, 1))
    LicenseFactory(practitioner=sam, jurisdiction="MT", expires_on=dt.date(2027, 4, 1))
    LicenseFactory(practitioner=sam, jurisdiction="NV", expires_on=dt.date(2027, 3, 31))
    # A renewal that leaves a gap of a day does not count.
    LicenseFactory(practitioner=sam, jurisdiction="ID", expires_on=dt.date(2027, 5, 10))
    LicenseFactory(
        practitioner=sam,
        jurisdiction="ID",
        valid_from=dt.date(2027, 5, 12),
        expires_on=dt.date(2030, 1, 1),
    )
    lapsing = licenses_lapsing(today=TODAY, within_days=60)
    assert [(lic.practitioner.name, lic.jurisdiction, lic.expires_on) for lic in lapsing] == [
        ("Sam Rivera", "MT", dt.date(2027, 4, 1)),
        ("Sam Rivera", "ID", dt.date(2027, 5, 10)),
        ("Person 01", "ID", dt.date(2027, 6, 1)),
    ]


@pytest.mark.parametrize("count", [1, 8])
def test_licenses_lapsing_costs_two_queries_however_many(count, django_assert_num_queries):
    for number in range(count):
        lapsing_license(number)
    with django_assert_num_queries(2):
        lapsing = licenses_lapsing(today=TODAY, within_days=60)
        assert [lic.practitioner.name for lic in lapsing] == [
            f"Person {number:02d}" for number in range(count)
        ]
