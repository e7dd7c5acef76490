import csv
import io
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.testing import form_fields
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.notifications.models import OutboxMessage
from hearth.workshops.actions import register
from hearth.workshops.models import Registration, Workshop

from .conftest import NOW, person

pytestmark = pytest.mark.django_db
LOS_ANGELES = ZoneInfo("America/Los_Angeles")  # the practice's zone (Practice's default)


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("sam", "s@example.org", "pw")
    )
    return client


@pytest.fixture
def full(intensive):
    for n in range(5):
        register(
            workshop=intensive, attendee=person(n, name=f"Client {n}" if n else "=cmd|x"), now=NOW
        )
    return intensive


def test_list_links_to_roster_and_roster_groups_people(admin_client, full):
    listing = admin_client.get("/admin/workshop_admin/").content.decode()
    assert f"/admin/workshop_admin/roster/{full.pk}/" in listing
    # The deadline (April 9, 00:00 UTC) reads in the practice's zone, labelled.
    assert "April 8, 2027, 5 p.m. PDT" in listing
    roster = admin_client.get(f"/admin/workshop_admin/roster/{full.pk}/").content.decode()
    assert (
        "Confirmed (3)" in roster
        and "Waitlist, in order (2)" in roster
        and "Cancelled (0)" in roster
    )


def test_roster_csv(admin_client, full):
    response = admin_client.get(f"/admin/workshop_admin/roster/{full.pk}/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="weekend-intensive-roster.csv"'
    assert rows[0][:5] == ["number", "status", "waitlist position", "reference", "name"]
    assert [(r[0], r[1], r[2], r[4]) for r in rows[1:]] == [
        ("1", "confirmed", "", "'=cmd|x"),
        ("2", "confirmed", "", "Client 1"),
        ("3", "confirmed", "", "Client 2"),
        ("4", "waitlisted", "1", "Client 3"),
        ("5", "waitlisted", "2", "Client 4"),
    ]
    first = Registration.objects.get(workshop=full, number=1).created_at
    assert rows[0][-1] == "registered at"
    assert rows[1][-1] == first.astimezone(LOS_ANGELES).strftime("%Y-%m-%d %H:%M %Z")


def test_every_roster_csv_cell_is_formula_safe(admin_client, intensive):
    register(
        workshop=intensive,
        attendee=person(1, name="@SUM(1)", email="=1+2@example.org", location="TX"),
        now=NOW,
    )
    response = admin_client.get(f"/admin/workshop_admin/roster/{intensive.pk}/csv/")
    row = list(csv.reader(io.StringIO(response.content.decode())))[1]
    assert (row[4], row[5]) == ("'@SUM(1)", "'=1+2@example.org")


def test_roster_csv_costs_the_same_queries_for_one_person_as_for_many(
    admin_client, intensive, django_assert_num_queries
):
    url = f"/admin/workshop_admin/roster/{intensive.pk}/csv/"
    register(workshop=intensive, attendee=person(0), now=NOW)
    admin_client.get(url)  # the session and user are loaded the same way each time from here
    with CaptureQueriesContext(connection) as for_one:
        assert admin_client.get(url).content.decode().count("\n") == 2
    for n in range(1, 8):  # three seats, then five on the waitlist
        register(workshop=intensive, attendee=person(n), now=NOW)
    with django_assert_num_queries(len(for_one)):
        rows = list(csv.reader(io.StringIO(admin_client.get(url).content.decode())))
    assert [(row[1], row[2]) for row in rows[1:]] == [
        ("confirmed", ""),
        ("confirmed", ""),
        ("confirmed", ""),
        ("waitlisted", "1"),
        ("waitlisted", "2"),
        ("waitlisted", "3"),
        ("waitlisted", "4"),
        ("waitlisted", "5"),
    ]


def test_message_to_all_attendees(admin_client, full, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/workshop_admin/message/{full.pk}/",
            {"subject": "Bring water", "body": "See you soon."},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "client0@example.org",
        "client1@example.org",
        "client2@example.org",
    ]


def test_cancel_workshop_tells_everyone(admin_client, full, django_capture_on_commit_callbacks):
    assert admin_client.get(f"/admin/workshop_admin/cancel/{full.pk}/").status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/workshop_admin/cancel/{full.pk}/")
    assert len(mail.outbox) == 5
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}


def test_edit_refuses_a_capacity_below_seats_and_a_silent_cancel(admin_client, full):
    url = f"/admin/workshop_admin/edit/{full.pk}/"
    data = form_fields(admin_client.get(url).content.decode(), "form[method=POST]")
    response = admin_client.post(url, data | {"capacity": "2", "status": "cancelled"})
    body = response.content.decode()
    assert "The capacity cannot be below the 3 seats already taken" in body
    assert "Use &quot;Cancel workshop&quot; in the list" in body
    full.refresh_from_db()
    assert (full.capacity, full.status) == (3, "open")


def test_raising_capacity_in_the_admin_promotes_the_waitlist(admin_client, full):
    url = f"/admin/workshop_admin/edit/{full.pk}/"
    data = form_fields(admin_client.get(url).content.decode(), "form[method=POST]")
    assert admin_client.post(url, data | {"capacity": "4"}).status_code == 302
    assert Registration.objects.get(number=4).status == "confirmed"
    assert Workshop.objects.get().seats_taken == 4


def test_a_workshop_with_registrations_is_cancelled_not_deleted(admin_client, full, sam):
    response = admin_client.post(f"/admin/workshop_admin/delete/{full.pk}/")
    assert response.status_code == 302
    assert Workshop.objects.filter(pk=full.pk).exists()
    empty = Workshop.objects.create(
        slug="empty",
        title="Empty",
        practitioner=sam,
        capacity=2,
        registration_deadline=full.registration_deadline,
    )
    admin_client.post(f"/admin/workshop_admin/delete/{empty.pk}/")
    assert not Workshop.objects.filter(pk=empty.pk).exists()


def test_add_a_workshop_with_sessions(admin_client, sam):
    url = "/admin/workshop_admin/new/"
    data = form_fields(admin_client.get(url).content.decode(), "form[method=POST]")
    data |= {
        "title": "Evening group",
        "slug": "evening",
        "practitioner": str(sam.pk),
        "capacity": "8",
        "price_cents": "0",
        "currency": "USD",
        "status": "open",
        "offer_hold_hours": "0",
        "kind": "coaching",
        "location_policy": "US",
        "format": "online",
        "registration_deadline": "2027-05-01 12:00",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-start": "2027-05-03 18:00",
        "sessions-0-end": "2027-05-03 20:00",
        "sessions-0-ORDER": "1",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop = Workshop.objects.get(slug="evening")
    assert workshop.sessions.count() == 1


def test_a_viewer_reads_the_roster_but_cannot_cancel_or_message(client, full):
    from django.contrib.auth.models import Permission

    viewer = get_user_model().objects.create_user("viewer", password="x")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_workshop"),
    )
    sign_in_with_second_factor(client, viewer)
    mail.outbox.clear()
    queued = OutboxMessage.objects.count()
    assert client.get(f"/admin/workshop_admin/roster/{full.pk}/").status_code == 200
    assert client.get(f"/admin/workshop_admin/roster/{full.pk}/csv/").status_code == 200
    for action in ("cancel", "message"):
        response = client.post(
            f"/admin/workshop_admin/{action}/{full.pk}/", {"subject": "s", "body": "b"}
        )
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    full.refresh_from_db()
    assert full.status == "open"
    assert Registration.objects.filter(workshop=full, status="cancelled").count() == 0
    assert (len(mail.outbox), OutboxMessage.objects.count()) == (0, queued)
