"""Repeated wrong passwords lock the account and the address; another admin or a command lifts it."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db
LOCKED = "Sign-in locked"
PASSWORD = "a long pass"


@pytest.fixture
def boss():
    return get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)


def sign_in(client, username="boss", password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password})


def wrong_passwords(client, count, username="boss"):
    for _ in range(count):
        assert sign_in(client, username, "wrong").status_code == 200


def lock_out(client, username="boss"):
    """Four ordinary refusals; the fifth wrong password gets the lockout page."""
    wrong_passwords(client, 4, username)
    response = sign_in(client, username, "wrong")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(boss):
    client = Client(REMOTE_ADDR="203.0.113.5")
    wrong_passwords(client, 4)
    assert sign_in(client).status_code == 302  # four are forgiven on success
    client.logout()
    lock_out(client)
    response = sign_in(client)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Per account: another address is refused too.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(other).status_code == 429


def test_an_address_trying_many_accounts_is_locked(boss):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for number in range(4):
        wrong_passwords(client, 1, username=f"guess{number}")
    assert sign_in(client, "guess4", "wrong").status_code == 429
    assert sign_in(client).status_code == 429
    # The account itself is not locked for its owner elsewhere.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7")).status_code == 302


def test_another_admin_lifts_a_lockout(boss):
    locked = Client(REMOTE_ADDR="203.0.113.5")
    lock_out(locked)
    helper = Client()
    sign_in_with_second_factor(
        helper, get_user_model().objects.create_superuser("ana", "ana@example.org", "pw")
    )
    page = helper.get("/admin/lockouts/").content.decode()
    assert "Lift the lockout of boss" in page and "203.0.113.5" in page
    attempt = AccessAttempt.objects.get(username="boss")
    response = helper.post("/admin/lockouts/", {"attempt": attempt.pk})
    assert response["Location"] == "/admin/lockouts/"
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.get(action="account.lockout_lifted")
    assert (entry.actor, entry.object_id) == ("ana", str(attempt.pk))
    assert sign_in(locked).status_code == 302


def test_an_editor_without_account_rights_cannot_lift_a_lockout(boss):
    from django.contrib.auth.models import Permission

    lock_out(Client(REMOTE_ADDR="203.0.113.5"))
    editor = get_user_model().objects.create_user("ed", "ed@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    sign_in_with_second_factor(client, editor)
    response = client.get("/admin/lockouts/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    attempt = AccessAttempt.objects.get(username="boss")
    response = client.post("/admin/lockouts/", {"attempt": attempt.pk})
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert AccessAttempt.objects.count() == 1
    assert not AuditEntry.objects.filter(action="account.lockout_lifted").exists()


def test_axes_reset_username_lifts_a_lockout(boss):
    client = Client(REMOTE_ADDR="203.0.113.5")
    lock_out(client)
    call_command("axes_reset_username", "boss", stdout=StringIO())
    assert sign_in(Client(REMOTE_ADDR="198.51.100.7")).status_code == 302
