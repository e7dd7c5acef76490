"""Signing in to the admin of a running server over HTTP, as a browser without JavaScript
would: the password form, then the one-time code, cookies and CSRF tokens kept; and sending
a page's edit form with one field changed."""

import requests
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import form_fields
from .second_factor import current_code


def admin_session(base: str, *, username: str, password: str, device: TOTPDevice):
    """A `requests.Session` signed in to the admin at `base` (password, then the current
    code of `device`, a confirmed authenticator of that account)."""
    session = requests.Session()
    login = session.get(f"{base}/admin/login/", timeout=30)
    fields = form_fields(login.text) | {"username": username, "password": password}
    answer = session.post(login.url, data=fields, headers={"Referer": login.url}, timeout=30)
    if "/admin/2fa/" not in answer.url:
        raise AssertionError(f"the password was refused at {answer.url}")
    fields = form_fields(answer.text) | {"otp_token": current_code(device)}
    answer = session.post(answer.url, data=fields, headers={"Referer": answer.url}, timeout=30)
    if answer.status_code != 200 or "/admin/2fa/" in answer.url:
        raise AssertionError(f"the one-time code was refused at {answer.url}")
    return session


def publish_page_edit(session, base: str, page_id: int, **changes: str) -> requests.Response:
    """Open the page's edit form, change `changes`, and press Publish; returns the answer
    (a redirect followed to the explorer when it was published)."""
    url = f"{base}/admin/pages/{page_id}/edit/"
    form = session.get(url, timeout=30)
    fields = form_fields(form.text, "form#page-edit-form")
    fields |= changes | {"action-publish": "action-publish"}
    return session.post(url, data=fields, headers={"Referer": url}, timeout=60)
