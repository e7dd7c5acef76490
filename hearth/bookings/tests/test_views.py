"""The booking flow as a visitor without JavaScript uses it: plain GETs and form POSTs."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from hearth.bookings.models import Booking
from hearth.bookings.tokens import manage_token
from hearth.core.testing import form_fields
from hearth.practice.models import LocationPolicy, ServiceKind
from hearth.practice.tests.factories import LicenseFactory, ServiceFactory

from .conftest import NOW, WORDS_NO_MESSAGE_MAY_CARRY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def details_form(client, start="2027-03-10T12:00:00-05:00", location="ID", tz="America/New_York"):
    response = client.get(
        "/book/counseling/details/", {"start": start, "location": location, "tz": tz}
    )
    assert response.status_code == 200
    return form_fields(response.content.decode(), "form[method=post]")


def fill(data: dict, **changes) -> dict:
    return data | {"name": "Alex", "email": "alex@example.org", "consent": "on"} | changes


def test_services_page_lists_services_with_links(client, practice):
    body = client.get("/book/").content.decode()
    assert 'href="/book/counseling/"' in body and 'href="/book/free-consultation/"' in body
    assert "$150" in body and "Free" in body


def test_choose_time_asks_where_first(client, practice):
    body = client.get("/book/counseling/").content.decode()
    assert "Where will you be during the session?" in body
    assert "hold a license" in body
    assert 'class="time"' not in body


def test_times_are_listed_in_the_chosen_zone(client, practice):
    response = client.get(
        "/book/counseling/", {"location": "ID", "tz": "America/New_York", "date": "2027-03-10"}
    )
    body = response.content.decode()
    times = re.findall(r'class="time" href="[^"]+">([^<]+)</a>', body)
    assert times == ["12:00 PM", "12:30 PM", "1:00 PM"]
    assert "Times on Wednesday, March 10" in body


def test_ineligible_location_gets_a_kind_refusal_with_other_options(client, practice):
    body = client.get(
        "/book/counseling/", {"location": "CA", "tz": "America/Los_Angeles"}
    ).content.decode()
    assert (
        "Counseling by video is available only while you are physically in Idaho or Washington"
        in body
    )
    assert 'href="/book/free-consultation/?location=CA' in body
    assert 'class="time"' not in body


def alternative_slugs(client, location: str) -> list[str]:
    body = client.get(
        "/book/counseling/", {"location": location, "tz": "America/Los_Angeles"}
    ).content.decode()
    assert 'class="notice"' in body
    return re.findall(r'<li><a href="/book/([^/]+)/\?location=', body)


def test_other_services_follow_the_licensed_policy(client, practice):
    # Oregon lapsed last year: counseling is out of reach there, but a "licensed"
    # service counts every jurisdiction of a license, whatever its dates.
    LicenseFactory(
        practitioner=practice["sam"],
        jurisdiction="OR",
        valid_from=dt.date(2020, 1, 1),
        expires_on=dt.date(2026, 12, 31),
    )
    ServiceFactory(
        slug="licensed-coaching",
        name="Coaching where licensed",
        kind=ServiceKind.COACHING,
        location_policy=LocationPolicy.LICENSED,
        location_codes="CA",
        practitioners=[practice["sam"]],
    )
    assert alternative_slugs(client, "OR") == [
        "coaching",
        "licensed-coaching",
        "free-consultation",
    ]
    # California is no license's jurisdiction: codes left over from a list do not count.
    assert alternative_slugs(client, "CA") == ["free-consultation"]


def test_booking_without_javascript_end_to_end(client, practice, pinned_now):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    response = client.post("/book/counseling/details/", fill(data, text_ok="on"))
    booking = Booking.objects.get()
    token = manage_token(booking.pk)
    assert response.status_code == 302 and response["Location"] == f"/book/done/{token}/"
    assert (booking.contact_email_ok, booking.contact_text_ok, booking.location) == (
        True,
        True,
        "ID",
    )
    done = client.get(response["Location"]).content.decode()
    assert (
        "Wednesday, March 10, 2027, 12:00 PM – 12:50 PM<br>"
        '<span class="zone">Eastern time (America/New_York)</span>'
    ) in done
    assert "by video, by video" not in done and "<dd>Counseling by video</dd>" in done
    assert booking.reference in done and f"/book/manage/{token}/" in done
    # A second submission of the same form is the same booking, not a new one.
    again = client.post("/book/counseling/details/", fill(data, text_ok="on"))
    assert again["Location"] == f"/book/done/{token}/" and Booking.objects.count() == 1


def test_calendar_file_parses_and_says_nothing_sensitive(client, practice, pinned_now):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    client.post("/book/counseling/details/", fill(data))
    booking = Booking.objects.get()
    response = client.get(f"/book/manage/{manage_token(booking.pk)}/calendar.ics")
    assert response["Content-Type"] == "text/calendar"
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == dt.datetime(2027, 3, 10, 17, 0, tzinfo=dt.UTC)
    assert event.decoded("dtend") == dt.datetime(2027, 3, 10, 17, 50, tzinfo=dt.UTC)
    assert str(event["summary"]) == "Appointment with Sam Rivera"
    text = response.content.decode().lower()
    assert not [word for word in WORDS_NO_MESSAGE_MAY_CARRY if word in text]


def test_honeypot_and_too_quick_submissions_book_nothing(client, practice, pinned_now):
    data = details_form(client)
    too_quick = client.post("/book/counseling/details/", fill(data))
    assert too_quick.status_code == 422 and "That was very quick" in too_quick.content.decode()
    pinned_now.shift(dt.timedelta(seconds=30))
    trapped = client.post("/book/counseling/details/", fill(data, website="http://spam.example"))
    assert trapped.status_code == 422
    assert Booking.objects.count() == 0


def test_missing_consent_and_bad_email_are_explained(client, practice, pinned_now):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    response = client.post("/book/counseling/details/", data | {"name": "A", "email": "nope"})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Please agree to the privacy notice to book." in body
    assert "Enter a valid email address." in body
    assert Booking.objects.count() == 0


def test_a_time_taken_meanwhile_says_so_with_nearby_times(client, practice, pinned_now):
    first, second = details_form(client), details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    client.post("/book/counseling/details/", fill(first))
    response = client.post("/book/counseling/details/", fill(second, email="b@example.org"))
    body = response.content.decode()
    assert response.status_code == 409
    assert "That time was just taken" in body and "Wed, Mar 10, 1:00 PM" in body
    assert Booking.objects.count() == 1


def test_manage_page_cancels_and_frees_the_time(client, practice, pinned_now):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    client.post("/book/counseling/details/", fill(data))
    token = manage_token(Booking.objects.get().pk)
    page = client.get(f"/book/manage/{token}/").content.decode()
    assert f'href="/book/manage/{token}/cancel/">Cancel my booking' in page
    assert "Move to another time" in page
    # The link shows a step to confirm; nothing is cancelled until the POST.
    step = client.get(f"/book/manage/{token}/cancel/")
    assert step.status_code == 200 and "Cancel this booking?" in step.content.decode()
    assert form_fields(step.content.decode(), "form[action$='cancel/']") != {}
    assert Booking.objects.get().status == "confirmed"
    response = client.post(f"/book/manage/{token}/cancel/")
    assert response.status_code == 302
    cancelled = client.get(response["Location"]).content.decode()
    assert "Your booking is cancelled." in cancelled
    assert (
        '<a class="button primary" href="/book/counseling/?location=ID&amp;'
        'tz=America/New_York">Book another time</a>'
    ) in cancelled
    assert Booking.objects.get().status == "cancelled"


def test_manage_page_moves_the_booking(client, practice, pinned_now):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    client.post("/book/counseling/details/", fill(data))
    token = manage_token(Booking.objects.get().pk)
    page = client.get(f"/book/manage/{token}/", {"date": "2027-03-10"}).content.decode()
    moves = re.findall(r'class="time" href="(/book/manage/[^"]+)">([^<]+)</a>', page)
    # The booking's own time (12:00) is not offered; 12:30 overlaps it and stays open.
    assert [label for _, label in moves] == ["12:30 PM", "1:00 PM"]
    step = client.get(moves[1][0].replace("&amp;", "&"))
    assert step.status_code == 200 and "Move your booking?" in step.content.decode()
    assert Booking.objects.get().start == dt.datetime(2027, 3, 10, 17, 0, tzinfo=dt.UTC)
    choice = form_fields(step.content.decode(), "form[action$='reschedule/']")
    response = client.post(f"/book/manage/{token}/reschedule/", choice)
    assert response.status_code == 302
    assert Booking.objects.get().start == dt.datetime(2027, 3, 10, 18, 0, tzinfo=dt.UTC)


def test_after_the_cutoff_the_manage_page_says_how_to_reach_the_practice(
    client, practice, pinned_now
):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    client.post("/book/counseling/details/", fill(data))
    token = manage_token(Booking.objects.get().pk)
    pinned_now.move_to(dt.datetime(2027, 3, 10, 6, tzinfo=dt.UTC))
    page = client.get(f"/book/manage/{token}/").content.decode()
    assert "can no longer be changed online" in page and "Cancel my booking" not in page
    assert client.post(f"/book/manage/{token}/cancel/").status_code == 409
    assert Booking.objects.get().status == "confirmed"


def test_bad_links_and_input_never_fail(client, practice):
    assert client.get("/book/manage/1.forged/").status_code == 404
    assert client.get("/book/nope/").status_code == 404
    assert client.get("/book/counseling/", {"location": "XX", "tz": "Nowhere"}).status_code == 200
    assert (
        client.get("/book/counseling/", {"location": "ID", "date": "2027-99-99"}).status_code
        == 200
    )
    assert client.get("/book/counseling/details/", {"start": "garbage"}).status_code == 302
    assert (
        client.get(
            "/book/counseling/details/",
            {"start": "2027-03-10T12:00:00-05:00", "location": "ID", "tz": "Bad/Zone"},
        ).status_code
        == 302
    )


def test_every_answer_carrying_a_manage_token_is_private_and_not_stored(
    client, practice, pinned_now
):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    client.post("/book/counseling/details/", fill(data))
    token = manage_token(Booking.objects.get().pk)
    for response in (
        client.get(f"/book/done/{token}/"),
        client.get(f"/book/manage/{token}/"),
        client.get(f"/book/manage/{token}/calendar.ics"),
        client.post(f"/book/manage/{token}/reschedule/", {"start": "nonsense"}),
        client.post(f"/book/manage/{token}/cancel/"),
    ):
        cache_control = set(response["Cache-Control"].replace(" ", "").split(","))
        assert {"private", "no-store"} <= cache_control, response


def test_the_confirmation_shows_the_email_address_once_then_never_again(
    client, practice, pinned_now
):
    data = details_form(client)
    pinned_now.shift(dt.timedelta(seconds=30))
    done = client.post("/book/counseling/details/", fill(data))["Location"]
    first = client.get(done).content.decode()
    assert "A confirmation is on its way to alex@example.org," in first
    for visitor in (client, Client()):  # a reload, and the link opened anywhere else
        again = visitor.get(done).content.decode()
        assert "A confirmation is on its way to the email address you gave," in again
        assert "alex@example.org" not in again
