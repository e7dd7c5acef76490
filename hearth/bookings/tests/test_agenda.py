"""The agenda at /admin/agenda/: a day or a week of bookings, workshop sessions, busy time
and days off, in the practice's zone."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from hearth.bookings.actions import ClientDetails, book_slot, cancel_booking
from hearth.calendars.models import BusyBlock, BusyCalendar, CalendarCopy
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.intake.models import IntakePacket
from hearth.intake.tests.factories import QuestionFactory
from hearth.practice.models import DateOverride
from hearth.workshops.tests.factories import SessionFactory, WorkshopFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def client_details(name: str, **changes) -> ClientDetails:
    values = {"name": name, "email": "a@example.org", "location": "ID"}
    return ClientDetails(**({"timezone": "America/New_York"} | values | changes))


@pytest.fixture
def week(practice):
    """Week of Monday March 8, 2027 (PST): a booking and a cancelled one on Wednesday, a
    workshop session on Thursday, busy time on Tuesday, Friday off."""
    sam = practice["sam"]
    with time_machine.travel(NOW, tick=False):
        book = practice["counseling"]
        booked = book_slot(
            service=book,
            start=dt.datetime(2027, 3, 10, 17, tzinfo=UTC),
            client=client_details("Alex Morgan"),
            now=NOW,
        ).booking
        dropped = book_slot(
            service=book,
            start=dt.datetime(2027, 3, 10, 18, tzinfo=UTC),
            client=client_details("Jordan Lee"),
            now=NOW,
        ).booking
        cancel_booking(booking=dropped, now=NOW, actor="sam")
    workshop = WorkshopFactory(title="Men and shame", practitioner=sam, capacity=12)
    workshop.seats_taken = 5
    workshop.save()
    SessionFactory(
        workshop=workshop,
        start=dt.datetime(2027, 3, 11, 18, tzinfo=UTC),
        end=dt.datetime(2027, 3, 11, 20, tzinfo=UTC),
    )
    calendar = BusyCalendar.objects.create(practitioner=sam, url="https://cal.example.org/a.ics")
    CalendarCopy.objects.create(calendar=calendar, fetched_url=calendar.url)
    BusyBlock.objects.create(
        calendar=calendar,
        practitioner=sam,
        start=dt.datetime(2027, 3, 9, 21, tzinfo=UTC),
        end=dt.datetime(2027, 3, 9, 22, 30, tzinfo=UTC),
    )
    DateOverride.objects.create(practitioner=sam, date=dt.date(2027, 3, 12), windows="")
    return {"booked": booked, "dropped": dropped}


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def section(page: str, day: str) -> str:
    """The HTML of one day's section, e.g. day="20270310"."""
    start = page.index(f'id="day-{day}"')
    end = page.find('<section class="agenda-day', start)
    return page[start : end if end != -1 else len(page)]


def test_the_week_shows_each_kind_in_words_on_its_local_day(admin_client, week):
    page = admin_client.get("/admin/agenda/", {"date": "2027-03-10"}).content.decode()
    assert "Week of March 8 – March 14, 2027" in page
    wednesday = section(page, "20270310")
    assert "Booking" in wednesday and "9:00 AM – 9:50 AM PST" in wednesday
    assert "Counseling by video · Alex</a>" in wednesday and "from ID" in wednesday
    assert f'href="/admin/booking_admin/inspect/{week["booked"].pk}/"' in wednesday
    assert "Jordan" not in page  # cancelled, hidden by default
    thursday = section(page, "20270311")
    assert "Workshop" in thursday and "Men and shame" in thursday
    assert "10:00 AM – 12:00 PM PST" in thursday and "5/12 seats taken" in thursday
    tuesday = section(page, "20270309")
    assert "Busy" in tuesday and "1:00 PM – 2:30 PM PST" in tuesday
    assert "Day off" in section(page, "20270312")
    assert "Nothing booked." in section(page, "20270308")


def test_cancelled_bookings_are_shown_when_asked(admin_client, week):
    page = admin_client.get(
        "/admin/agenda/", {"date": "2027-03-10", "cancelled": "1"}
    ).content.decode()
    wednesday = section(page, "20270310")
    assert "Counseling by video · Jordan</a>" in wednesday
    assert "<strong>Cancelled</strong>" in wednesday
    assert "?date=2027-03-15&view=week&cancelled=1" in page  # next week keeps it


def test_the_day_view_shows_one_day_with_previous_and_next(admin_client, week):
    page = admin_client.get("/admin/agenda/", {"date": "2027-03-11", "view": "day"}).content
    page = page.decode()
    assert "Thursday, March 11, 2027" in page and "Men and shame" in page
    assert "Alex" not in page
    assert "?date=2027-03-10&view=day" in page and "?date=2027-03-12&view=day" in page


def test_a_date_that_is_not_a_date_shows_this_week(admin_client, week):
    with time_machine.travel(dt.datetime(2027, 3, 10, 20, tzinfo=UTC), tick=False):
        sign_in_with_second_factor(admin_client, get_user_model().objects.get(username="sam"))
        page = admin_client.get("/admin/agenda/", {"date": "10/03/2027"}).content.decode()
    assert "Week of March 8 – March 14, 2027" in page
    assert "Wed, Mar 10</a> (today)" in page


def test_the_agenda_is_first_in_the_menu_and_needs_permission(admin_client, client, week):
    home = admin_client.get("/admin/").content.decode()
    assert home.index('"Agenda"') < home.index('"Bookings"')
    viewer = get_user_model().objects.create_user("someone", password="x")
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in_with_second_factor(client, viewer)
    response = client.get("/admin/agenda/", {"date": "2027-03-10"})
    assert "Alex" not in response.content.decode()
    assert response.status_code in (302, 403)


def test_the_dashboard_lists_today_and_the_next_seven_days(admin_client, week):
    with time_machine.travel(dt.datetime(2027, 3, 10, 16, tzinfo=UTC), tick=False):
        sign_in_with_second_factor(admin_client, get_user_model().objects.get(username="sam"))
        page = admin_client.get("/admin/").content.decode()
    panel = page[page.index("Today and the next 7 days") :]
    panel = panel[: panel.index("</section>")]
    assert "Today, Wednesday, March 10" in panel
    assert "9:00 AM PST: <a" in panel and "Counseling by video · Alex</a>" in panel
    assert "Thursday, March 11" in panel and "Men and shame</a> (5/12 seats)" in panel
    assert "Jordan" not in panel  # cancelled
    assert "Busy" not in panel.split("Open the agenda")[0]


def test_the_dashboard_says_when_a_sessions_intake_is_not_complete(admin_client, week):
    QuestionFactory(label="What brings you here?", required=True)
    with time_machine.travel(dt.datetime(2027, 3, 10, 16, tzinfo=UTC), tick=False):
        sign_in_with_second_factor(admin_client, get_user_model().objects.get(username="sam"))
        page = admin_client.get("/admin/").content.decode()
    panel = page[page.index("Today and the next 7 days") :]
    panel = panel[: panel.index("</section>")]
    packet = IntakePacket.objects.get()
    assert (
        f'Counseling by video · Alex</a> · <a href="/admin/intake/clients/{packet.pk}/">'
        "Intake: Not started</a>"
    ) in panel
