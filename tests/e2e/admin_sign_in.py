"""Signing in to the admin in the browser as a person does: password, then the second factor.

The first time, the admin is taken to set up an authenticator (an app would scan the QR code;
the test reads the same secret from the device's row); later, it asks for the current code.
"""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.core.testing.second_factor import current_code


def sign_in_to_admin(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/admin/2fa/.*"))
    if "/admin/2fa/devices/new" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        page.get_by_label("OTP token").fill(current_code(device))
        page.get_by_label("Name").fill("Phone")
        page.get_by_label("Current password").fill(password)
        page.get_by_role("button", name="Create").click()
        page.wait_for_url(re.compile(r".*/admin/2fa/devices/\d+$"))
    else:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.locator("input[name=otp_token]").fill(current_code(device))
        page.locator("form").get_by_role("button").first.click()
        page.wait_for_url(re.compile(r".*/admin/(?!2fa).*"))
    page.goto(f"{base}/admin/")
