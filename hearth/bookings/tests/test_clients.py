"""Clients in the admin: one row per email address (any case), counts, search, a record."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.bookings.clients import client_rows
from hearth.bookings.tests.factories import BookingFactory
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.practice.tests.factories import PractitionerFactory, ServiceFactory
from hearth.workshops.models import Registration
from hearth.workshops.tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def people():
    now = timezone.now().replace(microsecond=0)
    sam = PractitionerFactory(name="Sam Rivera")
    service = ServiceFactory(name="Counseling", practitioners=[sam])

    def book(name, email, start, **fields):
        return BookingFactory(
            service=service,
            practitioner=sam,
            client_name=name,
            client_email=email,
            start=start,
            **fields,
        )

    alex = [
        book("Alex M", "alex@example.org", now - 20 * DAY, status="completed"),
        book("Alex M", "alex@example.org", now - 10 * DAY, status="no_show"),
        book("Alex M", "alex@example.org", now + 3 * DAY, status="cancelled"),
        book("Alex Morgan", "ALEX@Example.org", now + 9 * DAY, client_phone="555-0100"),
    ]
    casey = book("Casey Park", "casey@example.org", now + 2 * DAY)
    workshop = WorkshopFactory(title="Men and shame", practitioner=sam)
    Registration.objects.create(
        workshop=workshop,
        number=1,
        status="confirmed",
        reference="REG1",
        client_name="Jordan Lee",
        client_email="jordan@example.org",
        location="WA",
        client_timezone="America/Los_Angeles",
        consent_at=now,
    )
    return {"now": now, "alex": alex, "casey": casey}


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


def test_one_row_per_email_in_any_case_with_counts_sorted_by_next_session(people):
    now = people["now"]
    rows = client_rows(now=now)
    assert [(row.email, row.name) for row in rows] == [
        ("casey@example.org", "Casey Park"),
        ("alex@example.org", "Alex Morgan"),  # the name last given
        ("jordan@example.org", "Jordan Lee"),
    ]
    alex = rows[1]
    assert (alex.next_session, alex.last_session) == (now + 9 * DAY, now - 10 * DAY)
    assert (alex.sessions, alex.cancellations, alex.no_shows) == (3, 1, 1)
    assert alex.link == ("booking", people["alex"][3].pk)
    assert (rows[2].registrations, rows[2].sessions, rows[2].link[0]) == (1, 0, "registration")


def test_the_list_costs_the_same_queries_for_many_clients(people):
    with CaptureQueriesContext(connection) as few:
        client_rows(now=people["now"])
    for n in range(10):
        BookingFactory(client_email=f"c{n}@example.org", start=people["now"] + n * DAY)
    with CaptureQueriesContext(connection) as many:
        assert len(client_rows(now=people["now"])) == 13
    assert len(many) == len(few)


def test_search_by_name_or_email(admin_client, people):
    page = admin_client.get("/admin/clients/", {"q": "park"}).content.decode()
    assert "Casey Park" in page and "Alex" not in page
    page = admin_client.get("/admin/clients/", {"q": "JORDAN@"}).content.decode()
    assert "Jordan Lee" in page and "1 workshop registration" in page
    page = admin_client.get("/admin/clients/", {"q": "nobody"}).content.decode()
    assert "No client matches “nobody”." in page


def test_the_clients_page_and_a_clients_record(admin_client, people):
    page = admin_client.get("/admin/clients/").content.decode()
    assert page.index("Casey Park") < page.index("Alex Morgan") < page.index("Jordan Lee")
    assert "3 sessions, 1 cancelled, 1 no-show" in page
    alex = people["alex"]
    assert f'href="/admin/clients/booking/{alex[3].pk}/"' in page
    record = admin_client.get(f"/admin/clients/booking/{alex[0].pk}/").content.decode()
    assert "Bookings (4)" in record and "555-0100" in record
    for booking in alex:
        assert f'href="/admin/booking_admin/inspect/{booking.pk}/"' in record
    assert "No-show" in record and "Cancelled" in record
    assert "OK to email" in record and "No voicemail" in record
    registration = Registration.objects.get()
    jordan = admin_client.get(f"/admin/clients/registration/{registration.pk}/").content.decode()
    assert "Workshop registrations (1)" in jordan and "Men and shame</a>: Confirmed" in jordan
    assert admin_client.get("/admin/clients/booking/999999/").status_code == 404
    assert admin_client.get(f"/admin/clients/other/{registration.pk}/").status_code == 404


def test_clients_need_the_bookings_permission(client, people):
    from django.contrib.auth.models import Permission

    someone = get_user_model().objects.create_user("someone", password="x")
    someone.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in_with_second_factor(client, someone)
    response = client.get("/admin/clients/")
    assert response.status_code in (302, 403) and b"Casey" not in response.content
    assert b"Casey" not in client.get(f"/admin/clients/booking/{people['casey'].pk}/").content
