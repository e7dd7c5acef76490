"""What `manage.py deploy_check` verifies before a site goes live, one Check each.

Each function returns Checks (install/health.py) with a plain sentence; a Check may be a
warning (`warning=True`): printed, but not a reason to stop. Nothing here changes the
database or sends mail, except `send_test_message`, which the operator asks for by name.
"""

import datetime as dt
import smtplib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import checks as django_checks
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http.request import validate_host

from hearth.core.encryption import decrypt, encrypt
from hearth.core.key_rotation import values_under_older_keys

from .health import Check, database_check, outbox_check, worker_check

PRODUCTION_SETTINGS = "config.settings.production"
CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"


@dataclass(frozen=True)
class Result:
    check: Check
    warning: bool = False  # shown, but does not fail the run


def settings_module() -> Check:
    name = settings.SETTINGS_MODULE
    if name == PRODUCTION_SETTINGS:
        return Check("settings", True, f"The settings are the production ones ({name}).")
    return Check(
        "settings",
        False,
        f"The settings are {name}, not the production ones: set "
        f"DJANGO_SETTINGS_MODULE={PRODUCTION_SETTINGS} (with the rest of the environment file).",
    )


def django_deploy_checks() -> Check:
    found = django_checks.run_checks(include_deployment_checks=True)
    serious = [m for m in found if m.level >= django_checks.WARNING and not m.is_silenced()]
    if not serious:
        return Check("check_deploy", True, "Django's `check --deploy` finds nothing.")
    ids = ", ".join(sorted({m.id or "?" for m in serious}))
    return Check(
        "check_deploy",
        False,
        f"Django's `check --deploy` reports {len(serious)} problem(s) ({ids}): run "
        "`manage.py check --deploy` to read them.",
    )


def keys() -> list[Result]:
    secret = Check(
        "secret_key",
        bool(settings.SECRET_KEY),
        "SECRET_KEY is set." if settings.SECRET_KEY else "SECRET_KEY is not set.",
    )
    data_keys = settings.HEARTH_DATA_KEYS
    if not data_keys:
        return [Result(secret), Result(Check("data_keys", False, "No data key is set."))]
    probe = "deploy check"
    try:
        works = decrypt(encrypt(probe)) == probe
    except Exception:
        works = False
    cipher = Check(
        "data_keys",
        works,
        f"{len(data_keys)} data key(s) set; the newest encrypts and decrypts."
        if works
        else "The data keys cannot encrypt and decrypt a test value: check HEARTH_DATA_KEYS.",
    )
    return [Result(secret), Result(cipher)]


def older_key_values(key_count: int) -> Result:
    """Reads every encrypted value once (a deploy check, not a health check)."""
    older = values_under_older_keys()
    if not older:
        detail = "Every stored value is under the newest data key."
        if key_count > 1:
            detail += " The older key(s) can be removed."
        return Result(Check("old_values", True, detail))
    if key_count == 1:
        detail = (
            f"{older} stored value(s) cannot be read with the data key: was an older key "
            "removed? Put it back after the new one in HEARTH_DATA_KEYS."
        )
        return Result(Check("old_values", False, detail))
    detail = (
        f"{older} stored value(s) are still under an older data key: run "
        "`manage.py rotate_data_key` before removing it."
    )
    return Result(Check("old_values", False, detail), warning=True)


def migrations() -> Check:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return Check(
            "migrations",
            False,
            f"{len(plan)} migration(s) not applied: run `manage.py migrate`.",
        )
    return Check("migrations", True, "Every migration is applied.")


def static_files() -> Check:
    storage = staticfiles_storage
    manifest = getattr(storage, "manifest_name", None)
    collected = storage.exists(manifest) if manifest else storage.exists("css")
    if collected:
        return Check("static", True, f"Static files are collected in {settings.STATIC_ROOT}.")
    return Check(
        "static",
        False,
        f"Static files are not collected in {settings.STATIC_ROOT}: run "
        "`manage.py collectstatic --noinput`.",
    )


def smtp_connection() -> Result:
    """Connect, EHLO, STARTTLS (or SSL) and log in as configured, then QUIT, with the very
    backend the worker sends with: no mail is sent."""
    if settings.EMAIL_BACKEND == CONSOLE_EMAIL:
        detail = "EMAIL_HOST is not set: emails are printed to the log, not sent."
        return Result(Check("smtp", False, detail), warning=True)
    where = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    backend = SmtpBackend(fail_silently=False, timeout=min(settings.EMAIL_TIMEOUT or 10, 10))
    try:
        backend.open()
        backend.close()
    except (OSError, smtplib.SMTPException) as error:
        reason = getattr(error, "smtp_error", b"") or str(error) or type(error).__name__
        if isinstance(reason, bytes):
            reason = reason.decode(errors="replace")
        return Result(Check("smtp", False, f"The mail server {where} failed: {reason}"))
    steps = "connected" + (", TLS" if backend.use_tls or backend.use_ssl else "")
    steps += ", logged in" if backend.username else ""
    return Result(Check("smtp", True, f"The mail server {where} answers ({steps})."))


def send_test_message(address: str) -> Check:
    message = EmailMessage(
        subject="Test message from your website",
        body="This message was sent by `manage.py deploy_check --send-test-to`. "
        "Mail from the website reaches this address.",
        to=[address],
        connection=SmtpBackend(fail_silently=False),
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        return Check("smtp_send", False, f"The test message was not sent: {error}")
    return Check("smtp_send", True, f"A test message was sent to {address}.")


def worker(*, now: dt.datetime, first_setup: bool) -> Result:
    check = worker_check(now=now)
    if check.ok or not first_setup:
        return Result(check)
    detail = check.detail + " (Fine before the first start: --no-worker-yet.)"
    return Result(Check("worker", False, detail, check.figures), warning=True)


def site_url() -> Check:
    url = urlsplit(settings.HEARTH_SITE_URL)
    if url.scheme != "https":
        return Check(
            "site_url",
            False,
            f"HEARTH_SITE_URL ({settings.HEARTH_SITE_URL}) is not https: links in emails "
            "would not be private.",
        )
    if not validate_host(url.hostname or "", settings.ALLOWED_HOSTS):
        return Check(
            "site_url",
            False,
            f"The host of HEARTH_SITE_URL ({url.hostname}) is not in ALLOWED_HOSTS "
            f"({', '.join(settings.ALLOWED_HOSTS) or 'empty'}).",
        )
    return Check("site_url", True, f"HEARTH_SITE_URL is https and {url.hostname} is allowed.")


def run_all(*, now: dt.datetime, first_setup: bool, send_test_to: str | None) -> list[Result]:
    results = [Result(settings_module()), Result(django_deploy_checks()), *keys()]
    database = database_check()
    results.append(Result(database))
    migrated = database.ok and migrations()
    if migrated:
        results.append(Result(migrated))
    results.append(Result(static_files()))
    smtp = smtp_connection()
    results.append(smtp)
    if send_test_to and smtp.check.ok:
        results.append(Result(send_test_message(send_test_to)))
    if migrated and migrated.ok and settings.HEARTH_DATA_KEYS:
        results.append(older_key_values(len(settings.HEARTH_DATA_KEYS)))
    if migrated and migrated.ok:
        results += [worker(now=now, first_setup=first_setup), Result(outbox_check(now=now))]
    results.append(Result(site_url()))
    return results
