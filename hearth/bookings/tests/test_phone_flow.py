"""The booking flow's picker and steps as issue 14 asks for them, without a browser: the day
strip reaches the horizon, moving offers every time, cancelling asks first, the form
explains itself to screen readers and lets a quick autofill through."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup

from hearth.bookings.models import Booking
from hearth.bookings.tokens import manage_token
from hearth.core.testing import form_fields
from hearth.notifications.models import OutboxMessage
from hearth.practice.tests.factories import ServiceFactory, WeeklyWindowFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db

ZONE = "America/New_York"


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def walk_strip(client, path: str, params: dict) -> list[BeautifulSoup]:
    """Every page of the day strip, following "Later" from the first."""
    pages = [soup(client.get(path, params))]
    while (later := pages[-1].select_one("a[rel=next]")) is not None:
        pages.append(soup(client.get(later["href"])))
        assert len(pages) < 20
    return pages


def test_day_strip_reaches_every_day_up_to_the_horizon(client, practice):
    pages = walk_strip(client, "/book/counseling/", {"location": "ID", "tz": ZONE})
    shown = [
        re.sub(r"\s+", " ", cell.get_text(" ", strip=True))
        for page in pages
        for cell in page.select(".days .day")
    ]
    # Today (Monday, March 1) to the horizon: 60 days of 24 hours from 12:00 UTC on
    # March 1 ends on April 30 at 8:00 in New York. Nine pages of seven, then two days.
    assert len(pages) == 9 and len(shown) == 61
    assert shown[0] == "Mon 1 March, no open times" and shown[-1].startswith("Fri 30 April")
    # Wednesdays are the open days, every one of them up to the horizon.
    open_days = [cell.get_text(" ", strip=True) for page in pages for cell in page.select("a.day")]
    assert len(open_days) == 9
    assert open_days[0] == "Wed 3 March, 3 open times"
    assert open_days[-1] == "Wed 28 April, 3 open times"
    # Each link keeps the state and the zone, and the last page has no way further.
    for page in pages:
        for link in page.select("a.day, a[rel=next], a[rel=prev]"):
            query = parse_qs(urlsplit(link["href"]).query)
            assert (query["location"], query["tz"]) == (["ID"], [ZONE])
    assert pages[-1].select_one("a[rel=next]") is None


def test_a_later_day_shows_its_times_grouped_in_the_chosen_zone(client, practice):
    page = soup(
        client.get(
            "/book/counseling/",
            {"location": "ID", "tz": "America/Los_Angeles", "week": "2027-04-26"},
        )
    )
    assert page.select_one("#times-heading").get_text() == "Times on Wednesday, April 28"
    groups = {
        heading.get_text(): [a.get_text() for a in heading.find_next("ul").select("a.time")]
        for heading in page.select("h3.time-group")
    }
    assert groups == {"Morning": ["9:00 AM", "9:30 AM", "10:00 AM"]}
    assert page.select_one("#id_zone_shown option[selected]")["value"] == "America/Los_Angeles"
    assert page.select_one(".zone-change input[name=location]")["value"] == "ID"


def test_days_outside_today_to_the_horizon_are_ignored(client, practice):
    for week in ("2026-01-01", "2027-12-01", "not-a-date"):
        page = soup(client.get("/book/counseling/", {"location": "ID", "tz": ZONE, "week": week}))
        assert page.select_one(".week-range").get_text() == "Mar 1 – Mar 7"


@pytest.fixture
def all_day(practice):
    """A 15-minute service open around the clock every day: far more than 40 times a day."""
    for weekday in range(7):
        WeeklyWindowFactory(
            practitioner=practice["sam"], weekday=weekday, start_minute=0, end_minute=1440
        )
    return ServiceFactory(
        slug="check-in",
        name="Check-in",
        duration_minutes=15,
        minimum_notice_minutes=60,
        horizon_days=60,
        practitioners=[practice["sam"]],
    )


def book(client, pinned_now, service: str, start: str) -> Booking:
    data = form_fields(
        client.get(
            f"/book/{service}/details/", {"start": start, "location": "ID", "tz": ZONE}
        ).content.decode()
    )
    pinned_now.shift(dt.timedelta(seconds=30))
    data |= {"name": "Alex", "email": "alex@example.org", "consent": "on"}
    response = client.post(f"/book/{service}/details/", data)
    assert response.status_code == 302
    return Booking.objects.get()


def test_moving_offers_every_time_of_a_day_up_to_the_horizon(client, pinned_now, all_day):
    booking = book(client, pinned_now, "check-in", "2027-03-02T09:00:00-05:00")
    token = manage_token(booking.pk)
    pages = walk_strip(client, f"/book/manage/{token}/", {})
    assert len(pages) == 9
    last_page = pages[-1]
    last_days = [a["href"] for a in last_page.select("a.day")]
    # The horizon is 60 days after the booking was made (30 s past 12:00 UTC): April 30 at
    # 8:00:30 in New York, so 8:00 is the last start.
    day = soup(client.get(last_days[-1]))
    times = [a.get_text() for a in day.select("a.time")]
    assert day.select_one("#times-heading").get_text() == "Times on Friday, April 30"
    assert times[0] == "12:00 AM" and times[-1] == "8:00 AM" and len(times) == 33
    # A full day: 96 quarter hours, far past the old cap of 40.
    full = soup(client.get(f"/book/manage/{token}/", {"date": "2027-04-20"}))
    buttons = full.select("a.time")
    assert len(buttons) == 96
    step = client.get(buttons[-1]["href"])
    choice = form_fields(step.content.decode(), "form[action$='reschedule/']")
    assert client.post(f"/book/manage/{token}/reschedule/", choice).status_code == 302
    booking.refresh_from_db()
    assert booking.start == dt.datetime(2027, 4, 21, 3, 45, tzinfo=dt.UTC)


def test_the_booking_s_own_time_is_not_offered_as_a_move(client, pinned_now, all_day):
    booking = book(client, pinned_now, "check-in", "2027-03-02T09:00:00-05:00")
    page = soup(client.get(f"/book/manage/{manage_token(booking.pk)}/", {"date": "2027-03-02"}))
    times = [a.get_text() for a in page.select("a.time")]
    assert "9:00 AM" not in times and "8:45 AM" in times and "9:15 AM" in times
    assert len(times) == 95


def test_cancelling_asks_first_and_nothing_changes_until_the_post(client, pinned_now, practice):
    booking = book(client, pinned_now, "counseling", "2027-03-10T12:00:00-05:00")
    token = manage_token(booking.pk)
    messages_before = OutboxMessage.objects.count()
    step = client.get(f"/book/manage/{token}/cancel/")
    page = soup(step)
    assert page.select_one("h1").get_text() == "Cancel this booking?"
    assert page.select_one("form[method=post] button").get_text() == "Yes, cancel my booking"
    assert page.select_one("a.button.secondary")["href"] == f"/book/manage/{token}/"
    booking.refresh_from_db()
    assert booking.status == "confirmed" and OutboxMessage.objects.count() == messages_before
    response = client.post(f"/book/manage/{token}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    after = soup(client.get(response["Location"]))
    assert after.select_one("a.button.primary").get_text() == "Book another time"
    # Once cancelled, the confirmation step sends back to the booking.
    again = client.get(f"/book/manage/{token}/cancel/")
    assert again.status_code == 302 and again["Location"] == f"/book/manage/{token}/"


def test_moving_asks_first_and_nothing_changes_until_the_post(client, pinned_now, practice):
    booking = book(client, pinned_now, "counseling", "2027-03-10T12:00:00-05:00")
    token = manage_token(booking.pk)
    step = soup(
        client.get(f"/book/manage/{token}/reschedule/", {"start": "2027-03-10T13:00:00-05:00"})
    )
    assert step.select_one("h1").get_text() == "Move your booking?"
    assert "Wednesday, March 10, 2027, 1:00 PM – 1:50 PM" in step.get_text()
    booking.refresh_from_db()
    assert booking.start == dt.datetime(2027, 3, 10, 17, 0, tzinfo=dt.UTC)


def test_an_autofilled_form_sent_after_two_seconds_books(client, pinned_now, practice):
    data = form_fields(
        client.get(
            "/book/counseling/details/",
            {"start": "2027-03-10T12:00:00-05:00", "location": "ID", "tz": ZONE},
        ).content.decode()
    )
    pinned_now.shift(dt.timedelta(seconds=2))
    data |= {"name": "Alex", "email": "alex@example.org", "consent": "on"}
    response = client.post("/book/counseling/details/", data)
    assert response.status_code == 302 and Booking.objects.count() == 1


def test_a_form_sent_the_instant_it_is_shown_books_nothing(client, practice):
    data = form_fields(
        client.get(
            "/book/counseling/details/",
            {"start": "2027-03-10T12:00:00-05:00", "location": "ID", "tz": ZONE},
        ).content.decode()
    )
    data |= {"name": "Alex", "email": "alex@example.org", "consent": "on"}
    response = client.post("/book/counseling/details/", data)
    assert response.status_code == 422 and Booking.objects.count() == 0


def described_ids_missing(page: BeautifulSoup) -> list[str]:
    return [
        name
        for element in page.select("[aria-describedby]")
        for name in element["aria-describedby"].split()
        if page.find(id=name) is None
    ]


def test_details_form_help_and_errors_are_announced_and_typing_is_kept(
    client, pinned_now, practice
):
    params = {"start": "2027-03-10T12:00:00-05:00", "location": "ID", "tz": ZONE}
    page = soup(client.get("/book/counseling/details/", params))
    assert described_ids_missing(page) == []
    assert page.select_one("#id_name")["aria-describedby"] == "id_name_helptext"
    # The summary before confirming.
    summary = {
        dt_.get_text(): dt_.find_next_sibling("dd").get_text(" ", strip=True)
        for dt_ in page.select(".summary-box dt")
    }
    assert summary == {
        "What": "Counseling by video",
        "When": "Wednesday, March 10, 2027, 12:00 PM – 12:50 PM Eastern time (America/New_York)",
        "With": "Sam Rivera",
        "Fee": "$150 per session, paid to the practice directly. Nothing is charged online.",
        "Where you will be": "Idaho",
    }
    data = form_fields(str(page)) | {
        "name": "Alex",
        "email": "not-an-email",
        "phone": "555 0100",
        "message": "Evenings suit me.",
        "text_ok": "on",
    }
    pinned_now.shift(dt.timedelta(seconds=5))
    response = client.post("/book/counseling/details/", data)
    assert response.status_code == 422
    again = BeautifulSoup(response.content, "html.parser")
    assert described_ids_missing(again) == []
    email = again.select_one("#id_email")
    assert email["aria-describedby"] == "id_email_helptext id_email_error"
    assert (
        again.select_one("#id_email_error").get_text(strip=True) == "Enter a valid email address."
    )
    kept = form_fields(str(again))
    # A browser drops the newline Django writes after <textarea>.
    message = kept["message"].removeprefix("\n")
    assert (kept["name"], kept["email"], kept["phone"], message, kept["text_ok"]) == (
        "Alex",
        "not-an-email",
        "555 0100",
        "Evenings suit me.",
        "on",
    )
    assert Booking.objects.count() == 0


def test_the_book_page_lists_services_and_workshops(client, practice):
    from hearth.workshops.tests.factories import WorkshopFactory

    WorkshopFactory(
        slug="weekend-intensive",
        title="Weekend intensive",
        practitioner=practice["sam"],
        registration_deadline=NOW + dt.timedelta(days=30),
        sessions=[(NOW + dt.timedelta(days=40), NOW + dt.timedelta(days=40, hours=3))],
    )
    page = soup(client.get("/book/"))
    headings = [h.get_text() for h in page.select("main h2")]
    assert headings == ["One-to-one sessions", "Workshops"]
    links = [a["href"] for a in page.select(".choice h3 a")]
    assert links == [
        "/book/free-consultation/",
        "/book/coaching/",
        "/book/counseling/",
        "/workshops/weekend-intensive/",
    ]


def test_a_horizon_past_the_engine_s_range_is_reached_too(client, all_day):
    all_day.horizon_days = 90
    all_day.save()
    pages = walk_strip(client, "/book/check-in/", {"location": "ID", "tz": ZONE})
    # March 1 to May 30 (90 days from 12:00 UTC ends at 8:00 in New York): 91 dates. The
    # horizon is half-open, so the last time starts at 7:45.
    assert len(pages) == 13
    days = [cell for page in pages for cell in page.select(".days .day")]
    assert len(days) == 91
    last = pages[-1].select("a.day")[-1]
    assert last.get_text(" ", strip=True) == "Sun 30 May, 32 open times"
