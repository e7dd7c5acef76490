"""Settings for a real install behind a TLS-terminating reverse proxy."""

from django.core.exceptions import ImproperlyConfigured

from hearth.core.json_logs import json_logging

from .base import *

DEBUG = False

_PLACEHOLDER_KEYS = {"", "change-me", "changeme", "secret"}
if SECRET_KEY in _PLACEHOLDER_KEYS or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or too weak. Set the SECRET_KEY environment variable to a "
        "random string of at least 50 characters, for example the output of: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

# Clients' words are encrypted at rest; without a key they could be neither stored nor read.
if not HEARTH_DATA_KEYS:
    raise ImproperlyConfigured(
        "No data key. Clients' messages, phone numbers, intake answers and session details "
        "are encrypted with keys kept apart from SECRET_KEY. Make one with "
        "`python manage.py data_key new`, set it as HEARTH_DATA_KEYS (or put it in a file "
        "named by HEARTH_DATA_KEYS_FILE), and keep a copy somewhere safe apart from the "
        "database backups: a lost key means the encrypted data is lost."
    )

# Without an SMTP server Django would print every email, manage links included, into the
# log. A real install says where mail goes, or says in so many words that the log is meant.
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend" and not env_bool(
    "HEARTH_ALLOW_CONSOLE_EMAIL", False
):
    raise ImproperlyConfigured(
        "EMAIL_HOST is not set, so emails (with clients' manage links) would be printed to "
        "the log. Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) to your SMTP "
        "server, or set HEARTH_ALLOW_CONSOLE_EMAIL=1 if printing them is really what you want."
    )

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TLS is terminated by the reverse proxy, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A monitor on the server itself may ask for /healthz over plain http (no redirect).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
X_FRAME_OPTIONS = "DENY"

# One JSON object per line on stderr, without client data (hearth/core/json_logs.py).
LOGGING = json_logging(os.environ.get("LOG_LEVEL", "INFO"))
