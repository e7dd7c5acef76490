import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from hearth.install.practice_file import (
    PracticeFileError,
    load_practice,
    parse_practice_file,
    practice_document,
    write_practice_file,
)
from hearth.practice.models import (
    BusyCalendar,
    DateOverride,
    License,
    LocationPolicy,
    Practice,
    Practitioner,
    Service,
    WeeklyWindow,
)

pytestmark = pytest.mark.django_db

ODD = """# Hearth practice file (fictional people only in the demo). Load: manage.py load_practice FILE

[practice]
name = "Tide \\"Line\\" Practice"
timezone = "Pacific/Chatham"
email = "hi@example.org"
phone = ""
address = "1 Quay St\\nSuite 2"
video_link_template = ""

[[practitioners]]
slug = "ana"
name = "Ana Ruiz"
credentials = "LMHC, CHt"
email = "ana@example.org"
timezone = "Asia/Kolkata"
bio = "Line one.\\nLine two — with ünïcode."
message_of_support = ""
weekly_hours = { mon = ["00:00-01:30", "22:00-24:00"], sun = ["09:00-17:00"] }
overrides = { "2027-03-14" = [], "2027-11-07" = ["01:00-03:00", "20:00-24:00"] }
licenses = [
  { jurisdiction = "ID", kind = "LMHC", number = "", valid_from = 2020-01-01, expires_on = 2020-01-01 },
  { jurisdiction = "WA", kind = "LMHC", number = "LH-9", valid_from = 2024-01-01, expires_on = 2028-06-30 },
]
busy_calendars = ["https://cal.example.org/a.ics", { url = "webcal://cal.example.org/b.ics", include_all_day = true, include_transparent = false }]

[[practitioners]]
slug = "zed"
name = "Zed"
credentials = ""
email = ""
timezone = "America/Phoenix"
bio = ""
message_of_support = ""
weekly_hours = {}
overrides = {}
licenses = []
busy_calendars = []

[[services]]
slug = "group-chat"
name = "Chat"
description = ""
kind = "coaching"
duration_minutes = 45
interval_minutes = 20
buffer_before_minutes = 5
buffer_after_minutes = 10
minimum_notice_minutes = 0
horizon_days = 365
cancel_cutoff_hours = 0
reminder_hours = 24
price_cents = 9900
currency = "EUR"
practitioners = ["ana", "zed"]
locations = ["WA", "ID", "PR"]

[[services]]
slug = "talk"
name = "Talk"
description = "Free."
kind = "clinical"
duration_minutes = 50
interval_minutes = 50
buffer_before_minutes = 0
buffer_after_minutes = 0
minimum_notice_minutes = 720
horizon_days = 60
daily_limit = 3
cancel_cutoff_hours = 24
reminder_hours = 24
price_cents = 0
currency = "USD"
practitioners = ["ana"]
locations = "licensed"
"""


def load(text: str):
    return load_practice(document=parse_practice_file(text))


def test_load_then_dump_gives_the_same_text():
    load(ODD)
    assert write_practice_file(practice_document()) == ODD


def test_demo_file_round_trips():
    text = Path(settings.HEARTH_DEMO_PRACTICE_FILE).read_text("utf-8")
    load(text)
    assert write_practice_file(practice_document()) == text


def test_load_stores_rows_exactly():
    report = load(ODD)
    assert report.created == [
        "practitioner ana",
        "practitioner zed",
        "service group-chat",
        "service talk",
    ]
    assert report.changed == ["the practice"]
    ana = Practitioner.objects.get(slug="ana")
    assert [(w.weekday, w.start_minute, w.end_minute) for w in ana.weekly_windows.all()] == [
        (0, 0, 90),
        (0, 1320, 1440),
        (6, 540, 1020),
    ]
    assert [(o.date, o.windows) for o in ana.overrides.all()] == [
        (dt.date(2027, 3, 14), ""),
        (dt.date(2027, 11, 7), "01:00-03:00, 20:00-24:00"),
    ]
    assert list(
        ana.busy_calendars.values_list("url", "include_all_day", "include_transparent")
    ) == [
        ("https://cal.example.org/a.ics", False, False),
        ("webcal://cal.example.org/b.ics", True, False),
    ]
    chat = Service.objects.get(slug="group-chat")
    assert chat.location_policy == LocationPolicy.LIST
    assert chat.listed_codes == ["WA", "ID", "PR"]
    assert sorted(chat.practitioners.values_list("slug", flat=True)) == ["ana", "zed"]
    assert Practice.load().timezone == "Pacific/Chatham"


def test_reload_replaces_a_practitioners_lists_and_reports_changes():
    load(ODD)
    changed = ODD.replace('sun = ["09:00-17:00"]', 'tue = ["10:00-11:00"]').replace(
        'overrides = { "2027-03-14" = [], "2027-11-07" = ["01:00-03:00", "20:00-24:00"] }',
        'overrides = { "2027-12-25" = [] }',
    )
    report = load(changed)
    assert report.changed == ["practitioner ana"]
    assert report.unchanged == [
        "the practice",
        "practitioner zed",
        "service group-chat",
        "service talk",
    ]
    ana = Practitioner.objects.get(slug="ana")
    assert [(w.weekday, w.start_minute) for w in ana.weekly_windows.all()] == [
        (0, 0),
        (0, 1320),
        (1, 600),
    ]
    assert list(ana.overrides.values_list("date", flat=True)) == [dt.date(2027, 12, 25)]


def test_entries_missing_from_the_file_are_left_alone():
    load(ODD)
    only_zed = """
[[practitioners]]
slug = "zed"
name = "Zed Again"
timezone = "America/Phoenix"
"""
    load(only_zed)
    assert Practitioner.objects.get(slug="zed").name == "Zed Again"
    assert Practitioner.objects.get(slug="ana").licenses.count() == 2
    assert Service.objects.count() == 2
    assert Practice.load().name == 'Tide "Line" Practice'


def snapshot():
    return (
        write_practice_file(practice_document()),
        WeeklyWindow.objects.count(),
        License.objects.count(),
        DateOverride.objects.count(),
        BusyCalendar.objects.count(),
    )


def test_a_failing_entry_changes_nothing_at_all():
    load(ODD)
    before = snapshot()
    # Valid to parse, but the service names a practitioner who does not exist:
    # everything before it in the file (new practice name, ana's new hours) must roll back.
    broken = (
        ODD.replace('name = "Tide \\"Line\\" Practice"', 'name = "Renamed"')
        .replace('sun = ["09:00-17:00"]', 'sat = ["09:00-10:00"]')
        .replace('practitioners = ["ana"]', 'practitioners = ["ana", "nobody"]')
    )
    with pytest.raises(PracticeFileError) as caught:
        load(broken)
    assert caught.value.messages == ["services \"talk\": no practitioner with the slug 'nobody'"]
    assert snapshot() == before


def test_model_validation_errors_are_reported_with_the_entry():
    text = ODD.replace('email = "ana@example.org"', 'email = "not-an-email"')
    with pytest.raises(PracticeFileError) as caught:
        load(text)
    assert caught.value.messages == ['practitioners "ana": email: Enter a valid email address.']
    assert Practitioner.objects.count() == 0


def test_video_link_template_loads_and_must_name_the_room():
    load(
        ODD.replace(
            'video_link_template = ""', 'video_link_template = "https://meet.example.org/{room}"'
        )
    )
    assert Practice.load().video_link_template == "https://meet.example.org/{room}"
    bad = ODD.replace(
        'video_link_template = ""', 'video_link_template = "http://meet.example.org/x"'
    )
    with pytest.raises(PracticeFileError) as caught:
        load(bad)
    assert caught.value.messages == [
        "[practice]: video_link_template: Use an https:// address with {room} where the room "
        "name goes, e.g. https://meet.example.org/{room}."
    ]
    assert Practice.load().video_link_template == "https://meet.example.org/{room}"
