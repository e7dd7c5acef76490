"""The client page's privacy-rights section: export downloads and erasure with confirmation."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from hearth.bookings.models import Booking
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.privacy.models import AuditEntry
from hearth.rights.actions import ERASED_NAME

from .conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(person, client):
    """Signed in after the demo is set up (set-up loads the demo only without users)."""
    boss = get_user_model().objects.create_superuser("boss", password="pw-boss-1")
    sign_in_with_second_factor(client, boss)
    return client


def client_page(person) -> str:
    return f"/admin/clients/booking/{person.booking.pk}/"


def test_client_page_links_to_the_exports_and_the_erasure(admin_client, person):
    page = admin_client.get(client_page(person)).content.decode()
    base = client_page(person)
    assert f'href="{base}export.json"' in page
    assert f'href="{base}export.csv"' in page
    assert f'href="{base}erase/"' in page


def test_exports_download_as_json_and_csv(admin_client, person):
    response = admin_client.get(client_page(person) + "export.json")
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"].startswith("private, no-store")
    assert response["Content-Disposition"].startswith('attachment; filename="client-export-')
    data = json.loads(response.content)
    assert data["bookings"][0]["name"] == NAME
    response = admin_client.get(client_page(person) + "export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["workshop_registrations", "1", "reference", person.registration.reference] in rows


def test_erasure_asks_for_the_address_and_then_erases(admin_client, person):
    url = client_page(person) + "erase/"
    page = admin_client.get(url).content.decode()
    assert "1 booking and 1 workshop registration stay as anonymous busy time" in page
    wrong = admin_client.post(url, {"confirm_email": "someone@example.org"})
    assert "That is not this client&#x27;s email address." in wrong.content.decode()
    assert Booking.objects.get(pk=person.booking.pk).client_name == NAME
    assert not AuditEntry.objects.filter(action="client.erased").exists()
    done = admin_client.post(url, {"confirm_email": EMAIL.lower()}, follow=True)
    assert done.redirect_chain[-1][0] == "/admin/clients/"
    assert "The client is erased: 1 booking(s) and 1 registration(s)" in done.content.decode()
    assert Booking.objects.get(pk=person.booking.pk).client_name == ERASED_NAME
    assert AuditEntry.objects.get(action="client.erased").actor == "boss"
    # The erased person is no longer listed among the clients.
    assert "erased" not in admin_client.get("/admin/clients/").content.decode()


def test_erasure_needs_the_permission_to_delete_bookings(client, person):
    viewer = get_user_model().objects.create_user("viewer", password="pw-viewer-1")
    group = Group.objects.create(name="Viewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_booking"),
    )
    viewer.groups.add(group)
    sign_in_with_second_factor(client, viewer)
    assert client.get(client_page(person) + "export.json").status_code == 200
    page = client.get(client_page(person)).content.decode()
    assert "erase/" not in page
    refused = client.post(client_page(person) + "erase/", {"confirm_email": EMAIL})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Booking.objects.get(pk=person.booking.pk).client_name == NAME


def test_unknown_client_or_format_is_404(admin_client, person):
    assert admin_client.get("/admin/clients/booking/999999/export.json").status_code == 404
    assert admin_client.get(client_page(person) + "export.xml", follow=True).status_code == 404
