"""factory-boy factories for practice data."""

import datetime as dt

import factory

from hearth.practice.models import License, Practitioner, Service, ServiceKind, WeeklyWindow


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner

    slug = factory.Sequence(lambda n: f"practitioner-{n}")
    name = factory.Sequence(lambda n: f"Practitioner {n}")
    credentials = "LMFT"
    timezone = "America/Los_Angeles"


class LicenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = License

    practitioner = factory.SubFactory(PractitionerFactory)
    jurisdiction = "WA"
    kind = "LMFT"
    number = factory.Sequence(lambda n: f"LF-{n}")
    valid_from = dt.date(2024, 1, 1)
    expires_on = dt.date(2028, 6, 30)


class WeeklyWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklyWindow

    practitioner = factory.SubFactory(PractitionerFactory)
    weekday = 0
    start_minute = 9 * 60
    end_minute = 17 * 60


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = ServiceKind.CONSULTATION
    duration_minutes = 15

    @factory.post_generation
    def practitioners(self, create, extracted, **kwargs):
        if create and extracted:
            # A ParentalManyToManyField is committed by the next save().
            self.practitioners.set(extracted)
            self.save()
