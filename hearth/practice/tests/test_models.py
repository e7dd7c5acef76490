import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hearth.practice.models import DateOverride, License, Service, WeeklyWindow

from .factories import LicenseFactory, PractitionerFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_license_that_ends_before_it_starts():
    practitioner = PractitionerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        License.objects.create(
            practitioner=practitioner,
            jurisdiction="WA",
            kind="LMFT",
            valid_from=dt.date(2025, 1, 2),
            expires_on=dt.date(2025, 1, 1),
        )
    assert License.objects.count() == 0


def test_database_refuses_a_jurisdiction_outside_the_us():
    with pytest.raises(IntegrityError), transaction.atomic():
        LicenseFactory(jurisdiction="ON")
    assert License.objects.count() == 0


def test_database_refuses_a_weekly_window_that_ends_before_it_starts_or_after_24_00():
    practitioner = PractitionerFactory()
    for start, end in [(600, 540), (600, 600), (600, 1441)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            WeeklyWindow.objects.create(
                practitioner=practitioner, weekday=1, start_minute=start, end_minute=end
            )
    assert WeeklyWindow.objects.count() == 0


def test_database_refuses_a_zero_duration_service():
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(duration_minutes=0)
    assert Service.objects.count() == 0


def test_full_clean_explains_a_license_ending_before_it_starts():
    lic = License(
        practitioner=PractitionerFactory(),
        jurisdiction="WA",
        kind="LMFT",
        valid_from=dt.date(2025, 1, 2),
        expires_on=dt.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        lic.full_clean()
    assert caught.value.messages == ["A license must expire on or after the day it starts."]


def test_full_clean_refuses_unknown_zone():
    practitioner = PractitionerFactory.build(timezone="America/Atlantis")
    with pytest.raises(ValidationError) as caught:
        practitioner.full_clean(exclude=["user", "photo"])
    assert caught.value.message_dict == {
        "timezone": [
            '"America/Atlantis" is not a time zone we know; use a name like America/Los_Angeles.'
        ]
    }


def test_override_windows_are_checked_and_normalised():
    practitioner = PractitionerFactory()
    override = DateOverride(
        practitioner=practitioner, date=dt.date(2027, 1, 1), windows="13:00-14:00,9:00-10:00"
    )
    override.full_clean()
    assert override.windows == "09:00-10:00, 13:00-14:00"
    bad = DateOverride(
        practitioner=practitioner, date=dt.date(2027, 1, 2), windows="10:00-12:00, 11:00-13:00"
    )
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert caught.value.message_dict["windows"] == [
        "10:00-12:00 and 11:00-13:00 overlap; a day's windows must not overlap."
    ]


def test_service_with_list_policy_needs_codes_and_knows_them():
    service = ServiceFactory.build(location_policy="list", location_codes="")
    with pytest.raises(ValidationError) as caught:
        service.full_clean(exclude=["practitioners"])
    assert caught.value.message_dict == {
        "location_codes": ["List the states where this service is offered, e.g. WA, ID."]
    }
    service.location_codes = "wa; id, QQ"
    with pytest.raises(ValidationError) as caught:
        service.full_clean(exclude=["practitioners"])
    assert caught.value.message_dict["location_codes"] == [
        "Not US state, DC or territory codes: QQ."
    ]
    service.location_codes = "wa; id"
    service.full_clean(exclude=["practitioners"])
    assert service.listed_codes == ["WA", "ID"]
