"""The admin asks every account for a second factor after its password."""

import datetime as dt
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.core.testing.second_factor import current_code
from hearth.install.second_factor import replace_recovery_codes
from hearth.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "a long pass")


def sign_in_with_password(client, next_path="/admin/booking_admin/"):
    return client.post(
        f"/admin/login/?next={next_path}",
        {"username": "boss", "password": "a long pass", "next": next_path},
        follow=True,
    )


def test_an_account_without_a_device_is_taken_to_set_one_up(client, boss):
    response = sign_in_with_password(client)
    assert response.redirect_chain[-1] == (
        "/admin/2fa/devices/new?next=/admin/booking_admin/",
        302,
    )
    assert client.get("/admin/booking_admin/")["Location"].startswith("/admin/2fa/devices/new")
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/devices/new")


def test_a_password_alone_opens_nothing_but_the_code_page(client, boss):
    device = TOTPDevice.objects.create(user=boss, name="Phone", confirmed=True)
    response = sign_in_with_password(client)
    assert response.redirect_chain[-1] == ("/admin/2fa/auth?next=/admin/booking_admin/", 302)
    for path in ("/admin/", "/admin/booking_admin/", "/admin/2fa/devices/new", "/"):
        assert client.get(path)["Location"].startswith("/admin/2fa/auth?next=")
    wrong = client.post(
        "/admin/2fa/auth",
        {"otp_device": device.persistent_id, "otp_token": "000000", "next": "/admin/"},
    )
    assert wrong.status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/auth")
    # django-otp then makes the next try wait (1 s after one failure, doubling after each).
    throttled = client.post(
        "/admin/2fa/auth",
        {"otp_device": device.persistent_id, "otp_token": current_code(device), "next": "/"},
    )
    assert throttled.context["form"].non_field_errors() == [
        "Verification temporarily disabled because of 1 failed attempt, please try again soon."
    ]
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2), tick=False):
        right = client.post(
            "/admin/2fa/auth",
            {"otp_device": device.persistent_id, "otp_token": current_code(device), "next": "/"},
        )
    assert right["Location"] == "/"
    assert client.get("/admin/booking_admin/").status_code == 200


def test_admin_totp_adds_a_device_and_prints_its_address_and_recovery_codes(client, boss):
    out = StringIO()
    call_command("admin_totp", "boss", stdout=out)
    lines = out.getvalue().splitlines()
    device = TOTPDevice.objects.get(user=boss)
    assert device.confirmed
    address = urlsplit(lines[0])
    assert (address.scheme, address.netloc, address.path) == ("otpauth", "totp", "/Hearth%3Aboss")
    secret = parse_qs(address.query)["secret"][0]
    assert secret.rstrip("=") == device.config_url.split("secret=")[1].split("&")[0]
    codes = [line.strip() for line in lines if line.startswith("  ")]
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticDevice.objects.get(user=boss).token_set.values_list("token", flat=True)
    )
    assert AuditEntry.objects.get(action="account.second_factor_added").actor == (
        "manage.py admin_totp"
    )

    # The code an app computes from the printed address signs in; so does a recovery code, once.
    sign_in_with_password(client)
    code = f"{totp(device.bin_key):06d}"
    assert client.post(
        "/admin/2fa/auth", {"otp_device": device.persistent_id, "otp_token": code, "next": "/"}
    )["Location"] == ("/")
    client.logout()
    recovery = StaticDevice.objects.get(user=boss)
    for expected in ("/", None):
        sign_in_with_password(client)
        response = client.post(
            "/admin/2fa/auth",
            {"otp_device": recovery.persistent_id, "otp_token": codes[0], "next": "/"},
        )
        assert response.get("Location") == expected
        client.logout()


def test_the_code_page_offers_the_authenticator_first_then_recovery_codes(client, boss):
    # Recovery codes made first, the authenticator after: the app is still offered first.
    replace_recovery_codes(user=boss)
    call_command("admin_totp", "boss", stdout=StringIO())
    sign_in_with_password(client)
    page = client.get("/admin/2fa/auth").content.decode()
    assert page.index("Authenticator app") < page.index("Recovery codes")


def test_admin_totp_refuses_an_unknown_account():
    with pytest.raises(CommandError) as caught:
        call_command("admin_totp", "nobody")
    assert str(caught.value) == "There is no account named 'nobody'; nothing was changed."
    assert not TOTPDevice.objects.exists()
