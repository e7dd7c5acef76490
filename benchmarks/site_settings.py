"""Settings for the site benchmark only: production-like, on its own SQLite file; never used
by a real install."""

from config.settings.base import *

SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
HEARTH_RATE_LIMIT_PER_IP = 0
HEARTH_RATE_LIMIT_PER_EMAIL = 0
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
