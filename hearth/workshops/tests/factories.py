"""factory-boy factories for workshops."""

import datetime as dt

import factory

from hearth.practice.tests.factories import PractitionerFactory
from hearth.workshops.models import Workshop, WorkshopSession, WorkshopStatus


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"workshop-{n}")
    title = factory.Sequence(lambda n: f"Workshop {n}")
    practitioner = factory.SubFactory(PractitionerFactory)
    capacity = 12
    price_cents = 45000
    registration_deadline = dt.datetime(2027, 4, 9, 0, 0, tzinfo=dt.UTC)
    status = WorkshopStatus.OPEN


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopSession

    workshop = factory.SubFactory(WorkshopFactory)
    start = dt.datetime(2027, 4, 10, 16, 0, tzinfo=dt.UTC)
    end = dt.datetime(2027, 4, 10, 23, 0, tzinfo=dt.UTC)
