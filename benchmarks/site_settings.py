"""Settings for the site benchmark only: production-like, plus a bare "hello" view.

Never used by a real install; the hello route exists only in benchmarks/site_urls.py.
"""

from config.settings.base import *

SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.site_urls"
HEARTH_RATE_LIMIT_PER_IP = 0
HEARTH_RATE_LIMIT_PER_EMAIL = 0
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
