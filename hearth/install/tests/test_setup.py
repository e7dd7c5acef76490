from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from hearth.content.models import HomePage
from hearth.install.setup import set_up_install
from hearth.practice.models import License, Practice, Practitioner, Service, WeeklyWindow

pytestmark = pytest.mark.django_db
DEMO = Path(settings.HEARTH_DEMO_PRACTICE_FILE)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Practitioner, Service, License, WeeklyWindow, HomePage, Page, Site)
    } | {"users": get_user_model().objects.count()}


def test_new_database_gets_demo_home_page_and_admin_login(tmp_path):
    login_file = tmp_path / "login.txt"
    result = set_up_install(demo_file=DEMO, login_file=login_file)
    assert result.created is True
    assert result.username == "admin"
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(result.password)
    assert login_file.read_text().splitlines() == ["admin", result.password]
    assert oct(login_file.stat().st_mode & 0o777) == "0o600"
    sam = Practitioner.objects.get(slug="sam-rivera")
    assert sam.user == admin
    assert admin.wagtail_userprofile.current_time_zone == Practice.load().timezone
    assert sorted(Service.objects.values_list("slug", flat=True)) == [
        "coaching",
        "counseling",
        "free-consultation",
    ]
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert site.site_name == "Northfork Practice"
    assert site.root_page.url == "/"
    assert not Page.objects.filter(slug="wagtail-welcome").exists()


def test_second_run_changes_nothing_and_keeps_edits(tmp_path):
    login_file = tmp_path / "login.txt"
    first = set_up_install(demo_file=DEMO, login_file=login_file)
    practice = Practice.load()
    practice.name = "Edited In The Admin"
    practice.save()
    Practitioner.objects.filter(slug="sam-rivera").update(bio="My own words.")
    Service.objects.filter(slug="coaching").delete()
    before = counts()
    second = set_up_install(demo_file=DEMO, login_file=login_file)
    assert second.created is False
    assert second.password == first.password
    assert counts() == before
    assert Practice.load().name == "Edited In The Admin"
    assert Practitioner.objects.get(slug="sam-rivera").bio == "My own words."
    assert not Service.objects.filter(slug="coaching").exists()


def test_home_page_is_served_after_setup(tmp_path, client):
    set_up_install(demo_file=DEMO, login_file=tmp_path / "login.txt")
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Welcome to Northfork Practice</h1>" in body
    assert (
        'In danger or crisis? Call <a href="tel:911">911</a>, or call or text '
        '<a href="tel:988">988</a>.'
    ) in body
