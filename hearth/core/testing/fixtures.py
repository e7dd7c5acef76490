"""pytest fixtures shared by every test directory (loaded by the root conftest.py)."""

import pytest

from .second_factor import sign_in_with_second_factor
from .smtp import SmtpSink


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost, and Django's mail (live servers included) sent to it."""
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 5
        yield sink


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in with a second factor as the admin requires."""
    sign_in_with_second_factor(client, admin_user)
    return client
