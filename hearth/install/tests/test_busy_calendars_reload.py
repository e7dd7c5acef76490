"""Reloading the practice file keeps a listed calendar's last good copy and busy times."""

import pytest

from hearth.calendars.actions import refresh_calendar
from hearth.calendars.models import BusyBlock, CalendarCopy
from hearth.calendars.tests import files
from hearth.calendars.tests.conftest import NOW
from hearth.install.practice_file import load_practice, parse_practice_file
from hearth.practice.models import BusyCalendar

pytestmark = pytest.mark.django_db

FILE = """
[[practitioners]]
slug = "sam"
name = "Sam Rivera"
timezone = "America/Los_Angeles"
busy_calendars = [{calendars}]
"""


def test_reloading_keeps_the_copy_of_a_listed_calendar_and_drops_an_unlisted_one(sam, ics_server):
    ics_server.files["/a.ics"] = ics_server.files["/b.ics"] = files.SIMPLE
    a, b = ics_server.url("/a.ics"), ics_server.url("/b.ics")
    load_practice(document=parse_practice_file(FILE.format(calendars=f'"{a}", "{b}"')))
    for calendar in BusyCalendar.objects.all():
        refresh_calendar(calendar=calendar, now=NOW)
    load_practice(document=parse_practice_file(FILE.format(calendars=f'"{a}"')))
    assert list(BusyBlock.objects.values_list("calendar__url", flat=True)) == [a]
    assert list(CalendarCopy.objects.values_list("calendar__url", flat=True)) == [a]
