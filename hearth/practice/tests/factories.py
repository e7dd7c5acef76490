"""factory-boy factories for practice data."""

import datetime as dt

import factory

from hearth.core.testing.factories import ModelFactory, numbered
from hearth.practice.models import License, Practitioner, Service, ServiceKind, WeeklyWindow


class PractitionerFactory(ModelFactory):
    class Meta:
        model = Practitioner

    slug = numbered("practitioner-{n}")
    name = numbered("Practitioner {n}")
    credentials = "LMFT"
    timezone = "America/Los_Angeles"


class LicenseFactory(ModelFactory):
    class Meta:
        model = License

    practitioner = factory.SubFactory(PractitionerFactory)
    jurisdiction = "WA"
    kind = "LMFT"
    number = numbered("LF-{n}")
    valid_from = dt.date(2024, 1, 1)
    expires_on = dt.date(2028, 6, 30)


class WeeklyWindowFactory(ModelFactory):
    class Meta:
        model = WeeklyWindow

    practitioner = factory.SubFactory(PractitionerFactory)
    weekday = 0
    start_minute = 9 * 60
    end_minute = 17 * 60


class ServiceFactory(ModelFactory):
    class Meta:
        model = Service

    slug = numbered("service-{n}")
    name = numbered("Service {n}")
    kind = ServiceKind.CONSULTATION
    duration_minutes = 15

    @factory.post_generation
    def practitioners(self, create, extracted, **kwargs):
        if create and extracted:
            # A ParentalManyToManyField is committed by the next save().
            self.practitioners.set(extracted)
            self.save()
