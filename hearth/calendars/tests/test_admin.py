"""Admin: the Calendars page shows each calendar's health; the feed address is shown once."""

import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import override_settings
from django_tasks import default_task_backend

from hearth.calendars.actions import refresh_calendar
from hearth.calendars.models import BusyBlock, CalendarFeed
from hearth.core.testing import form_fields
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.privacy.models import AuditEntry

from . import files
from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("boss", "b@example.org", "pw")
    )
    return client


def admin_user(username: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_a_failed_calendar_shows_its_error_and_the_kept_copy(
    admin_client, add_calendar, ics_server
):
    calendar = add_calendar("/personal.ics", files.SIMPLE)
    refresh_calendar(calendar=calendar, now=NOW)
    ics_server.files["/personal.ics"] = files.BROKEN
    refresh_calendar(calendar=calendar, now=NOW)
    page = admin_client.get("/admin/calendars/").content.decode()
    assert "Sam Rivera" in page and "Failed" in page
    assert "The calendar file could not be read" in page
    assert "The copy read on Mar 1 is still used." in page
    assert "/personal.ics" not in page  # the secret address is not shown
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Busy calendars that could not be read" in dashboard
    assert "The calendar file could not be read" in dashboard
    # Someone else in the admin, not managing Sam, is not told about Sam's calendars.
    sign_in_with_second_factor(admin_client, admin_user("other"))
    assert (
        "Busy calendars that could not be read" not in admin_client.get("/admin/").content.decode()
    )


def test_a_healthy_calendar_raises_no_dashboard_warning(admin_client, add_calendar):
    refresh_calendar(calendar=add_calendar("/personal.ics", files.SIMPLE), now=NOW)
    assert (
        "Busy calendars that could not be read" not in admin_client.get("/admin/").content.decode()
    )
    page = admin_client.get("/admin/calendars/").content.decode()
    # 12:00 UTC, in the practice's zone (Los Angeles, PST) and labelled so.
    assert "Mar 1, 2027 4:00 AM PST" in page


def test_the_feed_address_is_shown_once_and_works(admin_client, client, sam):
    page = admin_client.get(f"/admin/calendars/feed/{sam.pk}/").content.decode()
    assert "The feed is off." in page
    made = admin_client.post(f"/admin/calendars/feed/{sam.pk}/new/").content.decode()
    site = settings.HEARTH_SITE_URL
    address = re.search(rf'value="({re.escape(site)}/calendars/feed/[^"]+\.ics)"', made).group(1)
    assert "webcal://" + site.split("://")[1] + "/calendars/feed/" in made
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in admin_client.get(f"/admin/calendars/feed/{sam.pk}/").content.decode()
    assert client.get(address.removeprefix(site)).status_code == 200
    assert AuditEntry.objects.filter(action="calendar_feed.issued", actor="boss").count() == 1
    admin_client.post(f"/admin/calendars/feed/{sam.pk}/off/")
    assert client.get(address.removeprefix(site)).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_a_practitioner_manages_only_their_own_feed(client, sam):
    other = admin_user("other")
    sign_in_with_second_factor(client, other)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    for response in (
        client.get(f"/admin/calendars/feed/{sam.pk}/"),
        client.post(f"/admin/calendars/feed/{sam.pk}/new/"),
    ):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert not CalendarFeed.objects.exists()
    assert "Sam Rivera" not in client.get("/admin/calendars/").content.decode()
    sam.user = admin_user("sam")
    sam.save()
    sign_in_with_second_factor(client, sam.user)
    assert client.post(f"/admin/calendars/feed/{sam.pk}/new/").status_code == 200
    assert CalendarFeed.objects.filter(practitioner=sam).exists()


def test_a_get_cannot_make_or_revoke_an_address(admin_client, sam):
    assert admin_client.get(f"/admin/calendars/feed/{sam.pk}/new/").status_code == 405
    assert admin_client.get(f"/admin/calendars/feed/{sam.pk}/off/").status_code == 405


QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def add_calendar_in_the_editor(admin_client, sam, url: str):
    edit = f"/admin/snippets/practice/practitioner/edit/{sam.pk}/"
    data = form_fields(admin_client.get(edit).content.decode(), "form[method=post][action*=edit]")
    data.update(
        {
            "busy_calendars-TOTAL_FORMS": "1",
            "busy_calendars-0-url": url,
            "busy_calendars-0-include_all_day": "on",
        }
    )
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_saving_a_calendar_in_the_editor_never_fetches_it_in_the_request(
    admin_client, sam, ics_server
):
    ics_server.files["/a.ics"] = files.SIMPLE
    add_calendar_in_the_editor(admin_client, sam, ics_server.url("/a.ics"))
    assert list(sam.busy_calendars.values_list("url", "include_all_day")) == [
        (ics_server.url("/a.ics"), True)
    ]
    assert ics_server.requests == []


def test_saving_a_calendar_queues_its_refresh_for_the_worker(
    admin_client, sam, ics_server, django_capture_on_commit_callbacks
):
    ics_server.files["/a.ics"] = files.SIMPLE
    with override_settings(TASKS=QUEUED):
        with django_capture_on_commit_callbacks(execute=True):
            add_calendar_in_the_editor(admin_client, sam, ics_server.url("/a.ics"))
        [queued] = [
            r
            for r in default_task_backend.results
            if r.task.name == "refresh_practitioner_calendars"
        ]
    assert ics_server.requests == []
    assert queued.kwargs == {"practitioner_id": sam.pk}
    with time_machine.travel(NOW, tick=False):
        assert queued.task.call(**queued.kwargs) == {"refreshed": 1, "failed": 0}
    assert BusyBlock.objects.filter(practitioner=sam).count() == 1


def test_full_names_in_the_feed_need_the_warning_acknowledged(admin_client, sam):
    from hearth.calendars.actions import issue_feed_token

    issue_feed_token(practitioner=sam, actor="boss", now=NOW)
    page = admin_client.get(f"/admin/calendars/feed/{sam.pk}/").content.decode()
    assert "Before you turn full names on:" in page
    assert "read your clients&#x27; full names" in page or "read your clients' full names" in page
    refused = admin_client.post(f"/admin/calendars/feed/{sam.pk}/names/", {"full_names": "on"})
    assert refused.status_code == 200
    assert "tick that you have read the warning; nothing was changed." in refused.content.decode()
    assert CalendarFeed.objects.get().full_names is False
    done = admin_client.post(
        f"/admin/calendars/feed/{sam.pk}/names/", {"full_names": "on", "understood": "on"}
    )
    assert done.status_code == 302 and CalendarFeed.objects.get().full_names is True
    assert AuditEntry.objects.filter(action="calendar_feed.names").count() == 1
    admin_client.post(f"/admin/calendars/feed/{sam.pk}/names/", {})
    assert CalendarFeed.objects.get().full_names is False
