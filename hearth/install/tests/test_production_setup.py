"""`setup_install --production`: no demo content, no password on disk, a one-time link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from hearth.bookings.models import Booking
from hearth.content.models import BlogPage, HomePage, Resource, SiteSafety
from hearth.engagement.models import Comment
from hearth.practice.models import Practitioner, Service
from hearth.workshops.models import Workshop

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/admin/password_reset/confirm/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    settings.HEARTH_SITE_URL = "http://testserver"
    return settings.VAR_DIR


def test_production_setup_installs_no_demo_and_leaves_no_password_anywhere(var_dir, capsys):
    call_command("setup_install", "--production", "--email", "sam@practice.example")
    out = capsys.readouterr().out
    for model in (Service, Practitioner, Workshop, BlogPage, Resource, Comment, Booking):
        assert model.objects.count() == 0, model
    assert HomePage.objects.count() == 1
    assert SiteSafety.load().privacy_page.title == "Privacy notice"
    admin = get_user_model().objects.get()
    assert (admin.username, admin.email, admin.is_superuser) == (
        "admin",
        "sam@practice.example",
        True,
    )
    assert admin.has_usable_password() is False
    assert list(var_dir.iterdir()) == []  # no login file, nothing on disk
    assert "Password:" not in out
    assert len(LINK.findall(out)) == 1


def test_the_setup_link_sets_the_password_once(var_dir, capsys, client):
    call_command("setup_install", "--production")
    [path] = LINK.findall(capsys.readouterr().out)
    form = client.get(path, follow=True)
    assert form.status_code == 200
    set_password_url = form.redirect_chain[-1][0]
    new = "a-long-pass-phrase-for-the-practice"
    done = client.post(set_password_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert get_user_model().objects.get().check_password(new)
    client.logout()
    again = client.get(path, follow=True)
    assert "The password reset link was invalid" in again.content.decode()


def test_production_setup_changes_nothing_on_a_database_that_has_an_admin(var_dir, capsys):
    get_user_model().objects.create_superuser("sam", password="an-existing-password-1")
    call_command("setup_install", "--production")
    out = capsys.readouterr().out
    assert "nothing was changed" in out
    assert not LINK.findall(out)
    assert HomePage.objects.count() == 0
    assert get_user_model().objects.get().check_password("an-existing-password-1")
