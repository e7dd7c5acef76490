"""Signing test clients in to the admin the way a person does: password, then a one-time code."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show for the device right now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def sign_in_with_second_factor(client: Client, user) -> TOTPDevice:
    """Log the client in (password step skipped) and pass the admin's code page for real."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    response = client.post(
        reverse("wagtail_2fa_auth"),
        {
            "otp_device": device.persistent_id,
            "otp_token": current_code(device),
            "next": "/admin/",
        },
    )
    if (response.status_code, response.get("Location")) != (302, "/admin/"):
        raise AssertionError(
            f"The admin refused the one-time code: {response.context['form'].errors}"
        )
    return device
