"""The practice's rules are kept between slots requests, and every kind of edit shows at once.

Transactional: the rules are only kept outside a transaction (a test's own transaction
would otherwise hide what it changes), as in a served request.
"""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.practice.actions import replace_weekly_hours
from hearth.practice.models import DateOverride, License, WeeklyWindow
from hearth.practice.windows import Span

from .conftest import NOW

pytestmark = pytest.mark.django_db(transaction=True)

SLOTS = "/api/v1/services/{}/slots"
# Wednesday 2027-03-10; Sam works 09:00-11:00 Los Angeles time on Wednesdays.
WEDNESDAY = {"start": "2027-03-10", "end": "2027-03-10", "tz": "America/Los_Angeles"}
COACHING = {**WEDNESDAY, "location": "WA"}


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


def starts(client, slug="coaching", query=COACHING) -> list[str]:
    response = client.get(SLOTS.format(slug), query)
    assert response.status_code == 200, response.content
    return [slot["start"][11:16] for slot in response.json()["slots"]]


def test_a_second_request_reads_no_practice_rows(client, practice):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    with CaptureQueriesContext(connection) as queries:
        assert starts(client) == ["09:00", "09:30", "10:00"]
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "practice_service" not in tables
    assert "practice_weeklywindow" not in tables
    assert len(queries) == 4  # the rules' version, bookings, busy blocks, workshop sessions


def test_a_new_weekly_window_shows_at_once(client, practice):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    WeeklyWindow.objects.create(
        practitioner=practice["sam"], weekday=2, start_minute=14 * 60, end_minute=15 * 60
    )
    assert starts(client) == ["09:00", "09:30", "10:00", "14:00"]


def test_weekly_hours_replaced_in_bulk_show_at_once(client, practice):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    replace_weekly_hours(practitioner=practice["sam"], hours={2: [Span(600, 720)]})
    assert starts(client) == ["10:00", "10:30", "11:00"]


def test_a_date_override_and_its_removal_show_at_once(client, practice):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    DateOverride.objects.create(
        practitioner=practice["sam"], date="2027-03-10", windows="13:00-14:00"
    )
    assert starts(client) == ["13:00"]
    DateOverride.objects.filter(practitioner=practice["sam"]).delete()
    assert starts(client) == ["09:00", "09:30", "10:00"]


def test_service_edits_and_removed_practitioners_show_at_once(client, practice):
    coaching = practice["coaching"]
    assert starts(client) == ["09:00", "09:30", "10:00"]
    coaching.duration_minutes = 110
    coaching.save()
    assert starts(client) == ["09:00"]
    coaching.practitioners.set([])
    coaching.save()
    assert starts(client) == []


def test_a_lapsed_license_shows_at_once(client, practice):
    query = {**WEDNESDAY, "location": "ID"}
    assert starts(client, "counseling", query) == ["09:00", "09:30", "10:00"]
    License.objects.filter(jurisdiction="ID").delete()
    assert starts(client, "counseling", query) == []


def test_slots_still_answer_when_the_shared_cache_is_down(client, practice, settings):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        },
    }
    assert starts(client) == ["09:00", "09:30", "10:00"]
