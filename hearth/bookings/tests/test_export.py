"""The bookings CSV export: a date range in the admin's zone, times labelled, every cell safe
against spreadsheet formulas, the export audited; a bad range is a message."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from hearth.bookings.models import Booking
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.privacy.models import AuditEntry

from .conftest import NOW
from .factories import BookingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    with time_machine.travel(NOW, tick=False):
        sign_in_with_second_factor(
            client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
        )
        yield client


@pytest.fixture
def bookings(practice):
    common = {"service": practice["counseling"], "practitioner": practice["sam"]}
    with time_machine.travel(NOW, tick=False):
        return [
            # 23:30 PST on March 9 is March 10 in UTC: it belongs to the 9th here.
            BookingFactory(
                start=dt.datetime(2027, 3, 10, 7, 30, tzinfo=dt.UTC),
                reference="EARLY1",
                **common,
            ),
            BookingFactory(
                start=dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC),
                reference="MAIN01",
                client_name='=HYPERLINK("http://x")',
                client_email="alex@example.org",
                client_phone="+1 555 0100",
                client_timezone="America/New_York",
                location="ID",
                contact_text_ok=True,
                **common,
            ),
            BookingFactory(
                start=dt.datetime(2027, 3, 12, 8, tzinfo=dt.UTC),  # March 12, 0:00 PST
                reference="LATE01",
                status="cancelled",
                **common,
            ),
        ]


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_export_lists_the_ranges_bookings_in_the_practice_zone_formula_safe(
    admin_client, bookings
):
    response = admin_client.get(
        "/admin/clients/bookings.csv", {"from": "2027-03-10", "to": "2027-03-11"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="bookings-2027-03-10-to-2027-03-11.csv"'
    )
    rows = rows_of(response)
    assert rows == [
        [
            "Reference",
            "Status",
            "Service",
            "Practitioner",
            "Start (America/Los_Angeles)",
            "End (America/Los_Angeles)",
            "Client name",
            "Email",
            "Phone",
            "Location",
            "Client's zone",
            "OK to email",
            "OK to text",
            "OK to leave voicemail",
            "Booked at (America/Los_Angeles)",
        ],
        [
            "MAIN01",
            "Confirmed",
            "Counseling by video",
            "Sam Rivera",
            "2027-03-10 09:00 PST",
            "2027-03-10 09:50 PST",
            '\'=HYPERLINK("http://x")',
            "alex@example.org",
            "'+1 555 0100",
            "ID",
            "America/New_York",
            "yes",
            "yes",
            "no",
            "2027-03-01 04:00 PST",
        ],
    ]
    entry = AuditEntry.objects.get(action="bookings.exported")
    assert (entry.actor, entry.detail) == (
        "sam",
        {"first": "2027-03-10", "last": "2027-03-11", "rows": 1},
    )


def test_cancelled_bookings_are_exported_with_their_status(admin_client, bookings):
    rows = rows_of(
        admin_client.get("/admin/clients/bookings.csv", {"from": "2027-03-09", "to": "2027-03-12"})
    )
    assert [(row[0], row[1], row[4]) for row in rows[1:]] == [
        ("EARLY1", "Confirmed", "2027-03-09 23:30 PST"),
        ("MAIN01", "Confirmed", "2027-03-10 09:00 PST"),
        ("LATE01", "Cancelled", "2027-03-12 00:00 PST"),
    ]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"from": "2027-03-10"},
        {"from": "10/03/2027", "to": "2027-03-11"},
        {"from": "2027-03-11", "to": "2027-03-10"},
        {"from": "2027-01-01", "to": "2028-01-02"},
    ],
)
def test_a_bad_range_is_a_message_and_nothing_is_exported(admin_client, bookings, query):
    response = admin_client.get("/admin/clients/bookings.csv", query, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/admin/clients/", 302)]
    text = response.content.decode()
    assert "Choose the first and last dates" in text or "Choose a range of 1 to 366 days" in text
    assert not AuditEntry.objects.filter(action="bookings.exported").exists()


def test_the_export_needs_permission_to_see_bookings(client, bookings):
    with time_machine.travel(NOW, tick=False):
        someone = get_user_model().objects.create_user("someone", password="x")
        someone.user_permissions.add(Permission.objects.get(codename="access_admin"))
        sign_in_with_second_factor(client, someone)
        response = client.get(
            "/admin/clients/bookings.csv", {"from": "2027-03-10", "to": "2027-03-11"}
        )
    assert response["Content-Type"] != "text/csv; charset=utf-8"
    assert Booking.objects.count() == 3
    assert not AuditEntry.objects.filter(action="bookings.exported").exists()
