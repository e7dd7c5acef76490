import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from hearth.core.testing import form_fields
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.practice.models import Practitioner, Service, WeeklyWindow

from .factories import LicenseFactory, PractitionerFactory, ServiceFactory, WeeklyWindowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    sign_in_with_second_factor(client, user)
    return client


def edit_url(model_name: str, pk: int) -> str:
    return reverse(f"wagtailsnippets_practice_{model_name}:edit", args=[pk])


def test_weekly_hours_read_like_a_week_in_the_editor(admin_client):
    practitioner = PractitionerFactory()
    WeeklyWindowFactory(practitioner=practitioner, weekday=0, start_minute=540, end_minute=720)
    WeeklyWindowFactory(practitioner=practitioner, weekday=0, start_minute=780, end_minute=1020)
    WeeklyWindowFactory(practitioner=practitioner, weekday=6, start_minute=1200, end_minute=1440)
    response = admin_client.get(edit_url("practitioner", practitioner.pk))
    assert response.status_code == 200
    data = form_fields(response.content.decode(), "form[method=post][action*=edit]")
    assert data["hours_mon"] == "09:00-12:00, 13:00-17:00"
    assert data["hours_tue"] == ""
    assert data["hours_sun"] == "20:00-24:00"
    assert "Weekly hours" in response.content.decode()


def test_saving_the_editor_replaces_the_weekly_windows(admin_client):
    practitioner = PractitionerFactory()
    WeeklyWindowFactory(practitioner=practitioner, weekday=0)
    url = edit_url("practitioner", practitioner.pk)
    data = form_fields(admin_client.get(url).content.decode(), "form[method=post][action*=edit]")
    data.update(hours_mon="", hours_wed="13:00-17:00, 08:30-12:00", credentials="LMFT, MHP, CHt")
    response = admin_client.post(url, data)
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.credentials == "LMFT, MHP, CHt"
    assert [
        (w.weekday, w.start_minute, w.end_minute) for w in practitioner.weekly_windows.all()
    ] == [
        (2, 510, 720),
        (2, 780, 1020),
    ]


def test_overlapping_hours_are_refused_with_a_message_and_nothing_changes(admin_client):
    practitioner = PractitionerFactory(name="Before")
    WeeklyWindowFactory(practitioner=practitioner, weekday=0)
    url = edit_url("practitioner", practitioner.pk)
    data = form_fields(admin_client.get(url).content.decode(), "form[method=post][action*=edit]")
    data.update(name="After", hours_tue="09:00-12:00, 11:00-13:00", hours_thu="17:00-09:00")
    response = admin_client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "09:00-12:00 and 11:00-13:00 overlap; a day&#x27;s windows must not overlap." in body
    assert "&quot;17:00-09:00&quot; ends before it starts" in body
    practitioner.refresh_from_db()
    assert practitioner.name == "Before"
    assert list(WeeklyWindow.objects.values_list("weekday", "start_minute", "end_minute")) == [
        (0, 540, 1020)
    ]


def test_adding_a_license_that_ends_before_it_starts_is_refused(admin_client):
    practitioner = PractitionerFactory()
    url = edit_url("practitioner", practitioner.pk)
    data = form_fields(admin_client.get(url).content.decode(), "form[method=post][action*=edit]")
    data.update(
        {
            "licenses-TOTAL_FORMS": "1",
            "licenses-0-jurisdiction": "WA",
            "licenses-0-kind": "LMFT",
            "licenses-0-number": "1",
            "licenses-0-valid_from": "2026-05-01",
            "licenses-0-expires_on": "2026-04-01",
            "licenses-0-ORDER": "1",
            "licenses-0-id": "",
            "licenses-0-DELETE": "",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "A license must expire on or after the day it starts." in response.content.decode()
    assert practitioner.licenses.count() == 0


def test_service_editor_saves_a_list_policy(admin_client):
    practitioner = PractitionerFactory()
    service = ServiceFactory(practitioners=[practitioner])
    url = edit_url("service", service.pk)
    data = form_fields(admin_client.get(url).content.decode(), "form[method=post][action*=edit]")
    data.update(
        location_policy="list", location_codes="wa, id", practitioners=[str(practitioner.pk)]
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert (service.location_policy, service.location_codes) == ("list", "WA, ID")


def test_practitioner_can_be_created_in_the_admin(admin_client):
    url = reverse("wagtailsnippets_practice_practitioner:add")
    data = form_fields(admin_client.get(url).content.decode(), "form[method=post][action*=add]")
    data.update(
        name="New Person", slug="new-person", timezone="America/Boise", hours_fri="10:00-14:00"
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    created = Practitioner.objects.get(slug="new-person")
    assert created.weekly_hours()[4][0].start_minute == 600


@time_machine.travel(dt.datetime(2027, 5, 1, 12, tzinfo=dt.UTC), tick=False)
def test_dashboard_warns_of_licenses_lapsing_within_60_days(client):
    admin_client = client
    sign_in_with_second_factor(
        admin_client, get_user_model().objects.create_superuser("b", "b@example.org", "pw")
    )
    sam = PractitionerFactory(name="Sam Rivera")
    LicenseFactory(practitioner=sam, jurisdiction="ID", expires_on=dt.date(2027, 6, 29))
    LicenseFactory(practitioner=sam, jurisdiction="OR", expires_on=dt.date(2027, 7, 1))
    # Washington lapses soon but is already renewed: no warning.
    LicenseFactory(practitioner=sam, jurisdiction="WA", expires_on=dt.date(2027, 6, 1))
    LicenseFactory(
        practitioner=sam,
        jurisdiction="WA",
        valid_from=dt.date(2027, 6, 2),
        expires_on=dt.date(2029, 6, 1),
    )
    body = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Licenses that need renewing" in body
    assert "LMFT in Idaho" in body and "expires on June 29, 2027" in body
    assert "Oregon" not in body  # 61 days away
    assert "Washington" not in body


def test_dashboard_is_quiet_when_no_license_lapses(admin_client):
    LicenseFactory(expires_on=dt.date(2099, 1, 1))
    body = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Licenses that need renewing" not in body


def test_practice_settings_page_opens(admin_client):
    response = admin_client.get(
        reverse("wagtailsettings:edit", args=["practice", "practice"]), follow=True
    )
    assert response.status_code == 200
    data = form_fields(response.content.decode(), "form[method=post]")
    assert data["timezone"] == "America/Los_Angeles"
    assert Service.objects.count() == 0
