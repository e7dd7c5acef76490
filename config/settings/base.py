"""Settings shared by every install; what differs between installs comes from the environment."""

import os
from pathlib import Path

import dj_database_url

from .environment import BASE_DIR, VAR_DIR, env_bool, env_list

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
HEARTH_SITE_URL = os.environ.get("HEARTH_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = HEARTH_SITE_URL
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "hearth.core",
    "hearth.practice",
    "hearth.content",
    "hearth.bookings",
    "hearth.workshops",
    "hearth.intake",
    "hearth.privacy",
    "hearth.notifications",
    "hearth.calendars",
    "hearth.engagement",
    "hearth.rights",
    "hearth.install",
    "wagtailcache",
    # The admin's second factor: TOTP and recovery codes (django-otp), asked for by
    # wagtail-2fa right after the password; its templates come before Wagtail's.
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "csp",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Only for the API docs' own static files and templates (no CDN).
    "ninja",
]

MIDDLEWARE = [
    # A visitor without a session is served a cached page before anything else
    # (hearth/content/page_cache_middleware.py). The page cache stores on the way out
    # (outside the rest) and serves the others once the visitor is known (last); see
    # hearth/content/page_cache.py for what it may keep.
    "hearth.content.page_cache_middleware.ServeCachedPageMiddleware",
    "wagtailcache.cache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hearth.core.headers.PermissionsPolicyMiddleware",
    "hearth.core.api.ApiJsonMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hearth.core.sessions.SessionLifetimeMiddleware",
    # Anyone who may use the admin is sent to enter their one-time code (or to set up
    # an authenticator when they have none) before any other page.
    "wagtail_2fa.middleware.VerifyUserMiddleware",
    "hearth.practice.admin_zone.AdminTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "wagtailcache.cache.FetchFromCacheMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hearth" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL picks the database: sqlite:///path/to/file.sqlite3 (the default,
# var/hearth.sqlite3) or postgres://user:password@host:5432/name.
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'hearth.sqlite3'}"
SQLITE_OPTIONS = {
    # Writers queue instead of failing: BEGIN IMMEDIATE takes the write lock up
    # front, and a waiting writer gives up only after 20 seconds.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    # secure_delete: deleted and overwritten rows are zeroed in the file, so an erased
    # client leaves nothing behind on disk (hearth/rights/actions.py).
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA secure_delete=ON;"
    ),
}


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
        # One connection per worker thread, kept: opening one and setting WAL mode cost
        # about 4 ms, and closing the last connection checkpoints the WAL file, on every
        # request (a local file needs no reconnecting).
        config["CONN_MAX_AGE"] = None
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASE_URL = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
if DATABASE_URL == DEFAULT_DATABASE_URL:
    # The database, the admin login file and the media live here: the owner's only.
    VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    VAR_DIR.chmod(0o700)
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches -------------------------------------------------------------------
# "default" for shared counters and the like; "pages" holds whole public pages
# (wagtail-cache) and is emptied whenever a page is published, unpublished, moved or
# deleted. Database tables by default (`manage.py createcachetable`, also run by the
# migrations and `make run`); Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")

# "engagement" holds the day's salt and visitor hashes for view counts. It must be
# shared by every worker: Redis when REDIS_URL is set, else a database table
# (created by `manage.py createcachetable`, which `make run` runs). Never the
# per-process memory cache, which would count a visitor once per worker.
ENGAGEMENT_CACHE_TABLE = "hearth_engagement_cache"


def engagement_cache(redis_url: str) -> dict:
    if redis_url:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "hearth-engagement",
        }
    # No culling: the table is emptied of expired rows when a new day starts
    # (culling would drop today's hashes and count returning visitors again).
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": ENGAGEMENT_CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 100_000_000},
    }


HEARTH_PAGE_CACHE_SECONDS = int(os.environ.get("HEARTH_PAGE_CACHE_SECONDS", "300"))
# Each server process keeps what it read of the page cache for up to this many seconds and
# uses it only while no purge has happened since (hearth/core/near_copies.py); 0 = never.
HEARTH_PAGE_COPY_SECONDS = float(os.environ.get("HEARTH_PAGE_COPY_SECONDS", "5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hearth",
        },
        "pages": {
            "BACKEND": "hearth.core.cache.PrefixedRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hearth-pages",
            "TIMEOUT": HEARTH_PAGE_CACHE_SECONDS,
            "OPTIONS": {"NEAR_COPY_SECONDS": HEARTH_PAGE_COPY_SECONDS},
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "hearth.core.cache.LeanDatabaseCache",
            "LOCATION": "hearth_cache",
        },
        "pages": {
            "BACKEND": "hearth.core.cache.LeanDatabaseCache",
            "LOCATION": "hearth_page_cache",
            "TIMEOUT": HEARTH_PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 2000, "NEAR_COPY_SECONDS": HEARTH_PAGE_COPY_SECONDS},
        },
    }
CACHES["engagement"] = engagement_cache(REDIS_URL)
# The page cache's TIMEOUT is also the max-age browsers get, so it stays short.
WAGTAIL_CACHE = env_bool("HEARTH_PAGE_CACHE", True)
WAGTAIL_CACHE_BACKEND = "pages"
WAGTAIL_CACHE_HEADER = "X-Page-Cache"

# --- Background tasks (Django's Tasks API) ------------------------------------
# "database" queues tasks in the database for `manage.py hearth_worker` (the
# default); "rq" queues them in Redis (REDIS_URL) for the same command, which
# then runs RQ's worker with its scheduler; "immediate" runs them in the request.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
HEARTH_TASK_BACKEND = os.environ.get("HEARTH_TASK_BACKEND") or ("rq" if REDIS_URL else "database")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[HEARTH_TASK_BACKEND], "QUEUES": ["default"]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}

# --- Sessions ------------------------------------------------------------------------
# A signed-in session ends after this many minutes without a request, and after this
# many hours in any case (hearth/core/sessions.py); the cookie is dropped with the browser.
HEARTH_SESSION_IDLE_MINUTES = int(os.environ.get("HEARTH_SESSION_IDLE_MINUTES", "30"))
HEARTH_SESSION_MAX_HOURS = int(os.environ.get("HEARTH_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = HEARTH_SESSION_MAX_HOURS * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Passwords, sign-in lockout, language, time -----------------------------------
# django-axes counts failed sign-ins; its backend comes first so a locked account or
# address is refused before its password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# This many failed sign-ins in a row lock the account, and separately the address they
# came from, for HEARTH_LOGIN_LOCKOUT_HOURS (or until lifted: Settings → Locked sign-ins,
# or `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`).
AXES_FAILURE_LIMIT = int(os.environ.get("HEARTH_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("HEARTH_LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "hearth.core.ratelimit.client_ip_address"
AXES_LOCKOUT_TEMPLATE = "install/login_locked.html"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# Every date-time names its zone ("Jan. 5, 2027, 2 p.m. PST"): config/formats/en/formats.py
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "hearth" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email (Django's standard settings) -------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hearth <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# A hung SMTP server must not hold a worker longer than the first retry's wait.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# The display name on outgoing mail (the address stays DEFAULT_FROM_EMAIL's).
HEARTH_EMAIL_SENDER_NAME = os.environ.get("HEARTH_EMAIL_SENDER_NAME", "")
# How often the outbox sweeper runs (retries, reminders, anything missed).
HEARTH_SWEEP_SECONDS = int(os.environ.get("HEARTH_SWEEP_SECONDS", "60"))

# --- Wagtail ----------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Hearth"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Every account that may use the admin needs a second factor (wagtail-2fa).
WAGTAIL_2FA_REQUIRED = True
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Hearth")

# --- Content-Security-Policy (django-csp 4) -------------------------------------
# Public pages load nothing from elsewhere and run no inline script; JSON-LD is
# data, not script, so it needs no exception. The Wagtail admin keeps its own
# (looser) needs, so it is left out.
CONTENT_SECURITY_POLICY = {
    # The API docs (/api/v1/docs) are served from django-ninja's own static files, under it.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# Browser features no page of Hearth uses; the Permissions-Policy header turns them off
# everywhere, the admin included (hearth/core/headers.py).
HEARTH_PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# Hearth's own settings: limits, guards of the public forms, calendars.
from .hearth import *  # noqa: E402
