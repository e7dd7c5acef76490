"""Loading a practice file changes the slots at once, though each process keeps the rules
between requests (hearth/practice/rules_cache.py). Transactional, as a served request is."""

import pytest
import time_machine

from hearth.install.practice_file import dump_practice, load_practice, parse_practice_file
from hearth.practice.models import LocationPolicy, ServiceKind
from hearth.practice.tests.factories import (
    PractitionerFactory,
    ServiceFactory,
    WeeklyWindowFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

QUERY = {"start": "2027-03-10", "end": "2027-03-10", "tz": "America/Los_Angeles"}


@pytest.fixture(autouse=True)
def coaching():
    with time_machine.travel("2027-03-01T12:00:00Z", tick=False):
        sam = PractitionerFactory(slug="sam", name="Sam Rivera", timezone="America/Los_Angeles")
        WeeklyWindowFactory(practitioner=sam, weekday=2, start_minute=540, end_minute=660)
        ServiceFactory(
            slug="coaching",
            name="Coaching by video",
            kind=ServiceKind.COACHING,
            duration_minutes=50,
            interval_minutes=30,
            location_policy=LocationPolicy.US,
            practitioners=[sam],
        )
        yield


def starts(client) -> list[str]:
    response = client.get("/api/v1/services/coaching/slots", QUERY)
    assert response.status_code == 200, response.content
    return [slot["start"][11:16] for slot in response.json()["slots"]]


def reload_with(old: str, new: str) -> None:
    text = dump_practice()
    assert old in text
    load_practice(document=parse_practice_file(text.replace(old, new)))


def test_new_weekly_hours_from_the_file_show_at_once(client):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    reload_with('wed = ["09:00-11:00"]', 'wed = ["13:00-14:30"]')
    assert starts(client) == ["13:00", "13:30"]


def test_an_override_from_the_file_and_its_removal_show_at_once(client):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    reload_with("overrides = {}", 'overrides = { "2027-03-10" = [] }')
    assert starts(client) == []
    reload_with('overrides = { "2027-03-10" = [] }', "overrides = {}")
    assert starts(client) == ["09:00", "09:30", "10:00"]


def test_a_longer_service_from_the_file_shows_at_once(client):
    assert starts(client) == ["09:00", "09:30", "10:00"]
    reload_with("duration_minutes = 50", "duration_minutes = 110")
    assert starts(client) == ["09:00"]
