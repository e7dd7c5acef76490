"""`[[workshops]]` in the practice file: read, checked, stored, dumped back the same."""

import datetime as dt

import pytest

from hearth.install.practice_file import (
    PracticeFileError,
    load_practice,
    parse_practice_file,
    practice_document,
    write_practice_file,
)
from hearth.practice.models import Practitioner
from hearth.workshops.actions import register
from hearth.workshops.models import Registration, Workshop, WorkshopSession
from hearth.workshops.tests.conftest import NOW, person

pytestmark = pytest.mark.django_db

FILE = """# Hearth practice file (fictional people only in the demo). Load: manage.py load_practice FILE

[practice]
name = "P"
timezone = "America/Los_Angeles"
email = ""
phone = ""
address = ""
video_link_template = ""

[[practitioners]]
slug = "demo"
name = "Sam Rivera"
credentials = "LMFT"
email = ""
timezone = "America/Los_Angeles"
bio = ""
message_of_support = ""
weekly_hours = {}
overrides = {}
licenses = []
busy_calendars = []

[[workshops]]
slug = "weekend-intensive"
title = "Weekend intensive"
description = "Two days."
practitioner = "demo"
kind = "coaching"
locations = "US"
format = "online"
address = ""
video_url = "https://video.example.org/room"
capacity = 12
price_cents = 45000
currency = "USD"
registration_deadline = 2027-04-08T17:00:00
offer_hold_hours = 0
status = "open"
sessions = [
  { start = 2027-04-10T09:00:00, end = 2027-04-10T16:00:00 },
  { start = 2027-04-11T09:00:00, end = 2027-04-11T13:00:00 },
]
"""

ISSUE_EXAMPLE = """
[[workshops]]
slug = "weekend-intensive"
title = "Weekend intensive"
practitioner = "demo"
kind = "coaching"
locations = "US"
format = "online"
capacity = 12
price_cents = 45000
registration_deadline = 2027-04-08T17:00:00
status = "open"
sessions = [ { start = 2027-04-10T09:00:00, end = 2027-04-10T16:00:00 }, { start = 2027-04-11T09:00:00, end = 2027-04-11T13:00:00 } ]
"""


def messages_for(text: str) -> list[str]:
    with pytest.raises(PracticeFileError) as caught:
        load_practice(document=parse_practice_file(text))
    return caught.value.messages


def test_the_issues_example_reads_with_defaults():
    (entry,) = parse_practice_file(ISSUE_EXAMPLE).workshops
    assert (entry.slug, entry.capacity, entry.kind, entry.format, entry.status) == (
        "weekend-intensive",
        12,
        "coaching",
        "online",
        "open",
    )
    assert entry.registration_deadline == dt.datetime(2027, 4, 8, 17, 0)
    assert [(s.start.isoformat(), s.end.isoformat()) for s in entry.sessions] == [
        ("2027-04-10T09:00:00", "2027-04-10T16:00:00"),
        ("2027-04-11T09:00:00", "2027-04-11T13:00:00"),
    ]
    assert (entry.offer_hold_hours, entry.currency, entry.description) == (0, "USD", "")


def test_load_stores_utc_and_dump_gives_the_same_text():
    report = load_practice(document=parse_practice_file(FILE))
    assert report.created == ["practitioner demo", "workshop weekend-intensive"]
    workshop = Workshop.objects.get()
    assert workshop.registration_deadline == dt.datetime(2027, 4, 9, 0, 0, tzinfo=dt.UTC)
    assert list(WorkshopSession.objects.values_list("start", "end")) == [
        (dt.datetime(2027, 4, 10, 16, tzinfo=dt.UTC), dt.datetime(2027, 4, 10, 23, tzinfo=dt.UTC)),
        (dt.datetime(2027, 4, 11, 16, tzinfo=dt.UTC), dt.datetime(2027, 4, 11, 20, tzinfo=dt.UTC)),
    ]
    assert write_practice_file(practice_document()) == FILE
    again = load_practice(document=parse_practice_file(FILE))
    assert again.unchanged == ["the practice", "practitioner demo", "workshop weekend-intensive"]


def test_every_problem_names_its_entry():
    text = """
[[workshops]]
slug = "w"
title = "W"
practitioner = "demo"
kind = "therapy"
format = "in_person"
capacity = 0
colour = "red"
video_url = "http://insecure.example.org"
registration_deadline = 2027-04-12T17:00:00-07:00
sessions = [ { start = 2027-04-10T09:00:00, end = 2027-04-10T08:00:00 }, { start = 2027-04-11T09:00:00 } ]
"""
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_file(text)
    assert caught.value.messages == [
        'workshops[0] "w": unknown key "colour" (known keys: address, capacity, currency, '
        "description, format, kind, locations, offer_hold_hours, practitioner, price_cents, "
        "registration_deadline, sessions, slug, status, title, video_url)",
        'workshops[0] "w": "kind" must be one of coaching, clinical (got "therapy")',
        'workshops[0] "w": "address" is required when "format" is "in_person"',
        'workshops[0] "w": "video_url" must be an https:// address (got "http://insecure.example.org")',
        'workshops[0] "w": sessions[0] ends (2027-04-10T08:00:00) before it starts (2027-04-10T09:00:00)',
        'workshops[0] "w": sessions[1] must be { start = 2027-04-10T09:00:00, end = ... }',
        'workshops[0] "w": "registration_deadline" must be a wall time in the practitioner\'s zone '
        "written like 2027-04-10T09:00:00 (no quotes, no offset)",
        'workshops[0] "w": "capacity" must be at least 1 (got 0)',
    ]


def test_deadline_after_the_first_session_and_overlaps_are_refused():
    text = ISSUE_EXAMPLE.replace("2027-04-08T17:00", "2027-04-10T10:00").replace(
        "2027-04-11T09:00:00, end = 2027-04-11T13", "2027-04-10T15:00:00, end = 2027-04-10T18"
    )
    with pytest.raises(PracticeFileError) as caught:
        parse_practice_file(text)
    assert caught.value.messages == [
        'workshops[0] "weekend-intensive": sessions starting 2027-04-10T09:00:00 and '
        "2027-04-10T15:00:00 overlap",
        'workshops[0] "weekend-intensive": "registration_deadline" (2027-04-10T10:00:00) is after '
        "the first session starts (2027-04-10T09:00:00)",
    ]


def test_an_unknown_practitioner_changes_nothing_at_all():
    text = FILE.replace('practitioner = "demo"', 'practitioner = "nobody"')
    assert messages_for(text) == [
        "workshops \"weekend-intensive\": no practitioner with the slug 'nobody'"
    ]
    assert (Practitioner.objects.count(), Workshop.objects.count()) == (0, 0)


def test_capacity_cannot_drop_below_seats_taken_and_raising_it_moves_the_waitlist():
    load_practice(document=parse_practice_file(FILE.replace("capacity = 12", "capacity = 2")))
    workshop = Workshop.objects.get()
    for n in range(3):
        register(workshop=workshop, attendee=person(n), now=NOW)
    assert messages_for(FILE.replace("capacity = 12", "capacity = 1")) == [
        'workshops "weekend-intensive": capacity 1 is below the 2 seats already taken; cancel '
        "registrations in the admin first"
    ]
    assert messages_for(FILE.replace('status = "open"', 'status = "cancelled"')) == [
        'workshops "weekend-intensive": people have registered; cancel the workshop in the admin '
        "so that everyone is told"
    ]
    load_practice(document=parse_practice_file(FILE.replace("capacity = 12", "capacity = 3")))
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}
