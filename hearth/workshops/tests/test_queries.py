import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.bookings.queries import open_slots_for
from hearth.practice.models import ServiceKind
from hearth.practice.tests.factories import ServiceFactory, WeeklyWindowFactory
from hearth.scheduling import Busy
from hearth.workshops.models import Workshop
from hearth.workshops.queries import session_busy

from .conftest import NOW, SATURDAY, SUNDAY

pytestmark = pytest.mark.django_db


def test_session_busy_is_one_query_per_call_without_buffers(sam, intensive, clinical):
    other = intensive.practitioner.__class__.objects.create(slug="ana", name="Ana")
    Workshop.objects.filter(pk=clinical.pk).update(status="cancelled")
    since, until = SATURDAY[0] - dt.timedelta(days=1), SUNDAY[0]
    with CaptureQueriesContext(connection) as queries:
        busy = session_busy([sam.pk, other.pk], since=since, until=until)
    assert len(queries) == 1
    # Sunday's session starts at `until`: outside the half-open range. Cancelled: not busy.
    assert busy == {sam.pk: [Busy(start=SATURDAY[0], end=SATURDAY[1])], other.pk: []}


def test_sessions_block_one_to_one_slots(sam, intensive):
    # Saturday hours 08:00-18:00 Los Angeles; the session runs 09:00-16:00.
    WeeklyWindowFactory(practitioner=sam, weekday=5, start_minute=480, end_minute=1080)
    service = ServiceFactory(
        slug="chat",
        kind=ServiceKind.CONSULTATION,
        duration_minutes=60,
        buffer_after_minutes=0,
        minimum_notice_minutes=0,
        practitioners=[sam],
    )
    zone = ZoneInfo("America/Los_Angeles")
    day = dt.date(2027, 4, 10)
    result = open_slots_for(service=service, first=day, last=day, client_zone=zone, now=NOW)
    assert [s.start.astimezone(zone).strftime("%H:%M") for s in result.slots] == [
        "08:00",
        "16:00",
        "17:00",
    ]
    Workshop.objects.filter(pk=intensive.pk).update(status="cancelled")
    result = open_slots_for(service=service, first=day, last=day, client_zone=zone, now=NOW)
    assert len(result.slots) == 10
