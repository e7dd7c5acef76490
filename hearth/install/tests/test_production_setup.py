"""`setup_install --production`: no demo content, no password on disk, a one-time link."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site
from wagtail.users.models import UserProfile

from hearth.bookings.models import Booking
from hearth.content.models import BlogPage, HomePage, Resource, SiteSafety
from hearth.engagement.models import Comment
from hearth.practice.models import Practice, Practitioner, Service
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


EXAMPLE_FILE = str(Path(__file__).resolve().parents[3] / "deploy" / "practice.example.toml")


def test_production_setup_creates_the_practice_from_a_practice_file(var_dir, settings, capsys):
    settings.HEARTH_SITE_URL = "https://practice.example.org"
    call_command(
        "setup_install",
        "--production",
        "--email",
        "alex@lakeside.example",
        "--practice-file",
        EXAMPLE_FILE,
    )
    out = capsys.readouterr().out
    assert f"Loaded the practice from {EXAMPLE_FILE}:\n" in out
    # The practice itself is a single row every database has: filled in, so "changed".
    assert (
        "  created practitioner alex-morgan\n  created service free-consultation\n"
        "  changed the practice\n"
    ) in out
    practice = Practice.load()
    assert (practice.name, practice.timezone) == ("Lakeside Counseling", "America/Chicago")
    assert list(Service.objects.values_list("slug", flat=True)) == ["free-consultation"]
    admin = get_user_model().objects.get()
    assert Practitioner.objects.get().user == admin
    assert UserProfile.get_for_user(admin).current_time_zone == "America/Chicago"
    site = Site.objects.get()
    assert (site.hostname, site.port, site.site_name, site.is_default_site) == (
        "practice.example.org",
        443,
        "Lakeside Counseling",
        True,
    )
    assert site.root_page.specific == HomePage.objects.get()
    assert HomePage.objects.get().title == "Welcome to Lakeside Counseling"
    for model in (Workshop, BlogPage, Resource, Comment, Booking):
        assert model.objects.count() == 0, model
    assert len(re.findall(r"https://practice\.example\.org/admin/password_reset/", out)) == 1


def test_the_site_takes_the_port_of_an_address_that_names_one(var_dir, settings):
    settings.HEARTH_SITE_URL = "http://intranet.example:8080"
    call_command("setup_install", "--production")
    assert Site.objects.values_list("hostname", "port").get() == ("intranet.example", 8080)


def test_a_practitioner_with_another_email_is_not_linked_to_the_admin(var_dir):
    call_command(
        "setup_install",
        "--production",
        "--email",
        "it@lakeside.example",
        "--practice-file",
        EXAMPLE_FILE,
    )
    assert Practitioner.objects.get().user is None


def nothing_was_set_up() -> None:
    assert get_user_model().objects.count() == 0
    assert HomePage.objects.count() == 0
    assert Practitioner.objects.count() == 0
    assert Service.objects.count() == 0
    assert Practice.objects.filter(name="Lakeside Counseling").count() == 0
    assert Site.objects.values_list("hostname", "port").get() == ("localhost", 80)


def test_a_file_that_cannot_be_stored_sets_up_nothing_at_all(var_dir, tmp_path):
    # The practice and the practitioner are fine; the service names someone unknown, which
    # only storing it finds out, after the practice was written.
    text = Path(EXAMPLE_FILE).read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('practitioners = ["alex-morgan"]', 'practitioners = ["jo"]'))
    with pytest.raises(CommandError) as refusal:
        call_command("setup_install", "--production", "--practice-file", str(bad))
    assert str(refusal.value) == (
        f"{bad} was not loaded; nothing was set up. Please fix:\n"
        "  - services \"free-consultation\": no practitioner with the slug 'jo'"
    )
    nothing_was_set_up()


def test_a_file_that_is_not_toml_is_refused_before_anything_is_written(var_dir, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[practice\nname = 1\n")
    with pytest.raises(CommandError) as refusal:
        call_command("setup_install", "--production", "--practice-file", str(bad))
    assert str(refusal.value).startswith(
        f"{bad} was not loaded; nothing was set up. Please fix:\n  - The file is not valid TOML: "
    )
    nothing_was_set_up()


def test_a_missing_file_is_refused_with_its_name(var_dir, tmp_path):
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(CommandError) as refusal:
        call_command("setup_install", "--production", "--practice-file", str(missing))
    assert str(refusal.value) == (
        f"Cannot read {missing}: [Errno 2] No such file or directory: '{missing}'. "
        "Nothing was set up."
    )
    nothing_was_set_up()


def test_a_practice_file_on_an_installed_database_changes_nothing(var_dir, capsys):
    get_user_model().objects.create_superuser("sam", password="an-existing-password-1")
    call_command("setup_install", "--production", "--practice-file", EXAMPLE_FILE)
    assert capsys.readouterr().out == (
        "The database already holds your practice; nothing was changed. To set a password: "
        "`manage.py changepassword USERNAME`. To load "
        f"{EXAMPLE_FILE}: `manage.py load_practice {EXAMPLE_FILE}`.\n"
    )
    assert Practitioner.objects.count() == 0
