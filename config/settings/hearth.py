"""Hearth's own settings (read by base.py): rate limits, guards of the public forms, how
long keys last, and busy calendars. Each can be set from the environment where noted."""

import os
from pathlib import Path

from hearth.core.data_keys import read_keys

from .environment import BASE_DIR, VAR_DIR, env_bool, env_list

# --- Hearth -----------------------------------------------------------------------
# Days before a license lapses when the admin dashboard starts warning.
HEARTH_LICENSE_WARNING_DAYS = 60
HEARTH_DEMO_PRACTICE_FILE = BASE_DIR / "demo" / "practice.toml"
# Hours before a counseling session's start when the client's location check-in opens (it
# closes at the session's end; the answer can be changed until the start).
HEARTH_CHECKIN_OPENS_HOURS = int(os.environ.get("HEARTH_CHECKIN_OPENS_HOURS", "24"))
# Booking and registration submissions per minute from one address, and per
# day for one email address; 0 turns a limit off.
HEARTH_RATE_LIMIT_PER_IP = int(os.environ.get("HEARTH_RATE_LIMIT_PER_IP", "10"))
HEARTH_RATE_LIMIT_PER_EMAIL = int(os.environ.get("HEARTH_RATE_LIMIT_PER_EMAIL", "5"))
# How many upcoming bookings of one service one email address may hold, by service slug or
# kind ("consultation=1,coaching=3"; 0 or absent = no limit). The free consultation: one.
HEARTH_FUTURE_BOOKINGS_PER_SERVICE = {
    name.strip(): int(count)
    for name, _, count in (
        item.partition("=")
        for item in os.environ.get("HEARTH_FUTURE_BOOKINGS_PER_SERVICE", "consultation=1").split(
            ","
        )
        if item.strip()
    )
}
# Public forms (booking, registration, comments) carry a proof of work their page's script
# finds unseen (hearth/core/proof_of_work.py): on by default; the largest number searched
# (about a second on a phone at 50,000) and how long a challenge lasts.
HEARTH_PROOF_OF_WORK = env_bool("HEARTH_PROOF_OF_WORK", True)
HEARTH_PROOF_OF_WORK_MAX_NUMBER = int(os.environ.get("HEARTH_PROOF_OF_WORK_MAX_NUMBER", "50000"))
HEARTH_PROOF_OF_WORK_MINUTES = int(os.environ.get("HEARTH_PROOF_OF_WORK_MINUTES", "30"))
# Forms a network may send in an hour without the answer (a browser without JavaScript).
HEARTH_UNPROVEN_FORMS_PER_HOUR = int(os.environ.get("HEARTH_UNPROVEN_FORMS_PER_HOUR", "5"))
# Behind a reverse proxy: the request header (Django META name, e.g.
# HTTP_X_FORWARDED_FOR) that carries the client address. Empty: REMOTE_ADDR.
HEARTH_TRUSTED_PROXY_HEADER = os.environ.get("HEARTH_TRUSTED_PROXY_HEADER", "")
# Comments sent per hour from one address (0 = off).
HEARTH_COMMENT_RATE_LIMIT_PER_IP = int(os.environ.get("HEARTH_COMMENT_RATE_LIMIT_PER_IP", "5"))
# /healthz and deploy_check: a message still waiting this many minutes after it was due
# means the outbox is stuck (the worker's heartbeat must be under 3 x HEARTH_SWEEP_SECONDS).
HEARTH_HEALTH_OUTBOX_MINUTES = int(os.environ.get("HEARTH_HEALTH_OUTBOX_MINUTES", "15"))
# How long an idempotency key returns its original booking.
HEARTH_IDEMPOTENCY_HOURS = 48

# --- Calendars --------------------------------------------------------------------
# Busy calendars are fetched in the background this often (minutes), each fetch
# giving up after the timeout (seconds) or past the size (bytes); a failed fetch
# keeps the last good copy.
HEARTH_CALENDAR_REFRESH_MINUTES = int(os.environ.get("HEARTH_CALENDAR_REFRESH_MINUTES", "15"))
HEARTH_CALENDAR_FETCH_TIMEOUT_SECONDS = float(
    os.environ.get("HEARTH_CALENDAR_FETCH_TIMEOUT_SECONDS", "20")
)
HEARTH_CALENDAR_MAX_BYTES = int(os.environ.get("HEARTH_CALENDAR_MAX_BYTES", "10000000"))
# Busy calendars are never fetched from loopback, private, link-local or multicast addresses
# (redirects included), except from these host names (comma-separated): a practice's own
# calendar server on its network.
HEARTH_CALENDAR_INTERNAL_HOSTS = env_list("HEARTH_CALENDAR_INTERNAL_HOSTS")
# The practitioner's feed lists bookings from this many days ago onwards.
HEARTH_FEED_PAST_DAYS = 30

# --- Data keys ---------------------------------------------------------------------
# Keys that encrypt clients' words at rest, newest first, kept apart from SECRET_KEY:
# inline (HEARTH_DATA_KEYS, comma-separated) or in a file (HEARTH_DATA_KEYS_FILE, one per
# line). The dev settings fall back to var/data-keys, which `make run` creates.
HEARTH_DATA_KEYS_FILE = (
    Path(os.environ["HEARTH_DATA_KEYS_FILE"]) if os.environ.get("HEARTH_DATA_KEYS_FILE") else None
)
HEARTH_DATA_KEYS = read_keys(
    value=os.environ.get("HEARTH_DATA_KEYS", ""), path=HEARTH_DATA_KEYS_FILE
)

# --- Backups -----------------------------------------------------------------------
# `manage.py backup` writes one folder per snapshot here (mode 700) and keeps the newest N.
HEARTH_BACKUP_DIR = Path(os.environ.get("HEARTH_BACKUP_DIR") or VAR_DIR / "backups")
HEARTH_BACKUP_KEEP = int(os.environ.get("HEARTH_BACKUP_KEEP") or "14")
