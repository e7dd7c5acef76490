"""Settings for the test suite: fast hashing, tasks run at once, mail kept in memory."""

import os

from .base import *

SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
# Fixed so that a test database outlives a run; the rotation tests add their own keys.
HEARTH_DATA_KEYS = ["dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1mb3ItcmVhbCE="]
HEARTH_DATA_KEYS_FILE = None
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The RQ tests switch TASKS to RQ on this Redis database (flushed by those tests only).
RQ_QUEUES = {
    "default": {"URL": os.environ.get("HEARTH_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")}
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache would hide what a test changes; its own tests turn it on.
WAGTAIL_CACHE = False
# Only the limiter's own tests turn rate limits on.
HEARTH_RATE_LIMIT_PER_IP = 0
HEARTH_RATE_LIMIT_PER_EMAIL = 0
HEARTH_COMMENT_RATE_LIMIT_PER_IP = 0
# Tests post forms without a browser; the proof of work's own tests turn it on.
HEARTH_PROOF_OF_WORK = False
# Tests book the same address many times; the limit's own tests set it.
HEARTH_FUTURE_BOOKINGS_PER_SERVICE: dict[str, int] = {}
# Test calendar servers listen on 127.0.0.1; the address check's own tests take this away.
HEARTH_CALENDAR_INTERNAL_HOSTS = ["127.0.0.1"]

# Tests run against DATABASE_URL when given (CI: PostgreSQL), else a SQLite
# file, so that concurrency tests see a real file with real locking.
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(f"sqlite:///{VAR_DIR / 'test-main.sqlite3'}")}
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
