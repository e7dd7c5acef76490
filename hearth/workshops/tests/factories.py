"""factory-boy factories for workshops."""

import datetime as dt

import factory

from hearth.core.testing.factories import ModelFactory, numbered
from hearth.practice.tests.factories import PractitionerFactory
from hearth.workshops.models import Workshop, WorkshopSession, WorkshopStatus


class WorkshopFactory(ModelFactory):
    class Meta:
        model = Workshop

    slug = numbered("workshop-{n}")
    title = numbered("Workshop {n}")
    practitioner = factory.SubFactory(PractitionerFactory)
    capacity = 12
    price_cents = 45000
    registration_deadline = dt.datetime(2027, 4, 9, 0, 0, tzinfo=dt.UTC)
    status = WorkshopStatus.OPEN

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        """`WorkshopFactory(sessions=[(start, end), ...])` adds those sessions."""
        for start, end in (extracted or ()) if create else ():
            SessionFactory(workshop=self, start=start, end=end)


class SessionFactory(ModelFactory):
    class Meta:
        model = WorkshopSession

    workshop = factory.SubFactory(WorkshopFactory)
    start = dt.datetime(2027, 4, 10, 16, 0, tzinfo=dt.UTC)
    end = dt.datetime(2027, 4, 10, 23, 0, tzinfo=dt.UTC)
