"""The dashboard's booking panels: sessions per week over 12 weeks (a chart with its figures
written on it, and the same figures as a table) and the bookings made since the last visit."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from hearth.bookings.dashboard import sessions_per_week, weeks_chart
from hearth.bookings.models import Booking
from hearth.core.testing.second_factor import sign_in_with_second_factor

from .factories import BookingFactory

pytestmark = pytest.mark.django_db
LA = ZoneInfo("America/Los_Angeles")
TODAY = dt.date(2027, 3, 10)  # a Wednesday
NOW = dt.datetime(2027, 3, 10, 20, tzinfo=dt.UTC)  # 12:00 PST


@pytest.fixture
def history(practice):
    common = {"service": practice["counseling"], "practitioner": practice["sam"]}
    starts = [
        (dt.datetime(2027, 3, 8, 17, tzinfo=dt.UTC), "confirmed"),  # this week (Monday)
        (dt.datetime(2027, 3, 12, 17, tzinfo=dt.UTC), "confirmed"),  # this week, later
        (dt.datetime(2027, 3, 8, 7, 30, tzinfo=dt.UTC), "completed"),  # Sun 23:30 PST: last week
        (dt.datetime(2027, 3, 3, 17, tzinfo=dt.UTC), "no_show"),  # last week
        (dt.datetime(2027, 3, 2, 17, tzinfo=dt.UTC), "cancelled"),  # last week, cancelled
        (dt.datetime(2026, 12, 21, 17, tzinfo=dt.UTC), "completed"),  # 12th week back
        (dt.datetime(2026, 12, 20, 17, tzinfo=dt.UTC), "completed"),  # 13th: not shown
    ]
    return [BookingFactory(start=start, status=status, **common) for start, status in starts]


def test_sessions_are_counted_per_week_in_the_practice_zone(history):
    weeks = sessions_per_week(today=TODAY, zone=LA)
    assert len(weeks) == 12
    assert (weeks[0].monday, weeks[-1].monday) == (dt.date(2026, 12, 21), dt.date(2027, 3, 8))
    assert [(w.sessions, w.cancelled) for w in weeks] == [(1, 0)] + [(0, 0)] * 9 + [
        (2, 1),
        (2, 0),
    ]


def test_the_chart_writes_each_figure_and_names_itself(history):
    svg = str(weeks_chart(sessions_per_week(today=TODAY, zone=LA)))
    assert 'aria-label="Sessions per week over the last 12 weeks: 5 in all; this week 2."' in svg
    assert "<title>Week of Mar 1: 2 sessions</title>" in svg
    assert "<title>Week of Dec 28: 0 sessions</title>" in svg
    assert svg.count("<rect") == 12
    assert '<text x="690.0" y="214" text-anchor="middle" font-size="20">3/8</text>' in svg


def test_the_dashboard_shows_the_chart_with_a_table_and_the_new_bookings(client, history):
    user = get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    user.last_login = dt.datetime(2027, 3, 9, 20, tzinfo=dt.UTC)  # yesterday, noon PST
    user.save()
    # Made before and after the last visit.
    history[0].created_at = dt.datetime(2027, 3, 9, 19, tzinfo=dt.UTC)
    history[0].save()
    for booking in history[1:]:
        booking.created_at = dt.datetime(2027, 3, 10, 1, tzinfo=dt.UTC)
        booking.client_name = "Riley Chen"
        booking.save()
    history[1].client_name = "Jordan Lee"
    history[1].created_at = dt.datetime(2027, 3, 10, 2, tzinfo=dt.UTC)
    history[1].save()
    with time_machine.travel(NOW, tick=False):
        sign_in_with_second_factor(client, user)
        page = client.get("/admin/").content.decode()
    panel = page[page.index("New since your last visit") :]
    panel = panel[: panel.index("</section>")]
    assert "6 bookings made since Tuesday, March 9, 12:00 PM PST." in panel
    assert "Counseling by video · Jordan</a>: Fri, Mar 12, 9:00 AM PST" in panel
    assert panel.index("Jordan") < panel.index("Riley")  # newest first
    assert panel.count("<li>") == 6
    chart = page[page.index("Sessions per week, last 12 weeks") :]
    assert "<svg" in chart and "The same figures as a table" in chart
    assert "<td>Mar 1, 2027</td><td>2</td><td>1</td>" in chart


def test_a_first_visit_shows_the_last_seven_days(client, history):
    user = get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    Booking.objects.update(created_at=dt.datetime(2027, 3, 4, tzinfo=dt.UTC))
    with time_machine.travel(NOW, tick=False):
        sign_in_with_second_factor(client, user)
        page = client.get("/admin/").content.decode()
    assert "Booked in the last 7 days" in page
    assert "7 bookings made since Wednesday, March 3, 12:00 PM PST." in page
