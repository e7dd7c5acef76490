import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from hearth.bookings.models import Booking

from .factories import BookingFactory

pytestmark = pytest.mark.django_db


def row(practice, start_hour: int, minutes: int = 50, status: str = "confirmed") -> Booking:
    """An unsaved booking on 2027-03-10 (the database's own checks are under test)."""
    return BookingFactory.build(
        service=practice["counseling"],
        practitioner=practice["sam"],
        status=status,
        start=dt.datetime(2027, 3, 10, start_hour, tzinfo=dt.UTC),
        minutes=minutes,
        location="ID",
    )


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_refuses_overlapping_active_bookings_even_bypassing_the_code(practice):
    row(practice, 17).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        row(practice, 17, minutes=10).save()
    row(practice, 17, status="cancelled").save()  # a cancelled booking holds no time
    row(practice, 18).save()  # 17:50 end meets 18:00 start: half-open ranges
    assert Booking.objects.count() == 3
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conname = 'booking_no_overlap_per_practitioner'"
        )
        assert cursor.fetchone()[0] == 1


def test_models_validate_on_every_database(practice):
    booking = row(practice, 17)
    booking.full_clean()  # no EXCLUDE in Meta: model validation works on SQLite too
    booking.save()
    assert Booking.objects.get().end - Booking.objects.get().start == dt.timedelta(minutes=50)


def test_database_refuses_a_booking_that_ends_before_it_starts(practice):
    booking = row(practice, 17, minutes=-5)
    with pytest.raises(IntegrityError), transaction.atomic():
        booking.save()
    assert Booking.objects.count() == 0
