"""Just enough Django settings to run django-appointment 3.12.0 for the slots benchmark."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SECRET_KEY = "bench-only-not-secret"  # noqa: S105
DEBUG = False
USE_TZ = True
# django-appointment keeps naive wall-clock times and reads them in the site's zone.
TIME_ZONE = "America/Los_Angeles"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "appointment",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ROOT / "var" / "bench" / "django-appointment.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
