"""Signed-in sessions end after 30 minutes idle and after 12 hours at most."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model

from hearth.core.testing.second_factor import sign_in_with_second_factor

pytestmark = pytest.mark.django_db
START = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def signed_in(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    with time_machine.travel(START, tick=False):
        sign_in_with_second_factor(client, user)
        assert client.get("/admin/").status_code == 200
    return client


def admin_status_at(client, when):
    with time_machine.travel(when, tick=False):
        response = client.get("/admin/")
    return response.status_code, response.get("Location")


def test_thirty_idle_minutes_end_the_session(signed_in):
    assert admin_status_at(signed_in, START + dt.timedelta(minutes=30)) == (200, None)
    later = START + dt.timedelta(minutes=61)
    assert admin_status_at(signed_in, later) == (302, "/admin/login/?next=/admin/")
    assert "_auth_user_id" not in signed_in.session


def test_a_session_in_use_ends_after_twelve_hours(signed_in):
    for step in range(1, 12 * 3 + 1):  # a click every 20 minutes
        assert admin_status_at(signed_in, START + dt.timedelta(minutes=20 * step)) == (200, None)
    past = START + dt.timedelta(hours=12, minutes=1)
    assert admin_status_at(signed_in, past) == (302, "/admin/login/?next=/admin/")


def test_the_session_cookie_ends_with_the_browser(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    sign_in_with_second_factor(client, user)
    cookie = client.cookies["sessionid"]
    assert (cookie["expires"], cookie["max-age"]) == ("", "")
