"""factory-boy factories for bookings: rows written straight to the database (no action)."""

import datetime as dt

import factory

from hearth.bookings.models import Booking
from hearth.core.testing.factories import ModelFactory, numbered
from hearth.practice.tests.factories import PractitionerFactory, ServiceFactory


class BookingFactory(ModelFactory):
    """A confirmed booking; `minutes` (default 50) sets `end` from `start`."""

    class Meta:
        model = Booking

    class Params:
        minutes = 50

    service = factory.SubFactory(ServiceFactory)
    practitioner = factory.SubFactory(PractitionerFactory)
    start = dt.datetime(2027, 3, 10, 17, 0, tzinfo=dt.UTC)
    end = factory.LazyAttribute(
        lambda booking: booking.start + dt.timedelta(minutes=booking.minutes)
    )
    reference = numbered("R{n}")
    client_name = "Alex Morgan"
    client_email = "a@example.org"
    location = "WA"
    client_timezone = "UTC"
    consent_at = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)
