"""Who is counted as a visitor, and the day's salted visitor hash (never the address itself)."""

import datetime as dt
import hashlib
import re
import secrets
import zoneinfo

from django.core.cache import BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.http import HttpRequest
from django.utils import timezone

from hearth.core.ratelimit import client_address

# Crawlers, link previews, monitors, scripted clients and headless browsers.
BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|whatsapp|telegram|"
    r"discord|skype|slack|lighthouse|pingdom|uptime|monitor|headless|phantom|selenium|"
    r"puppeteer|playwright|curl|wget|httpie|python|requests|urllib|aiohttp|httpx|"
    r"go-http|java/|okhttp|libwww|perl|ruby|php|node-fetch|axios|scrapy|feed|rss",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_AGENTS.search(user_agent))


def is_prefetch(request: HttpRequest) -> bool:
    """Prefetches and prerenders (Sec-Purpose, Purpose, X-Purpose, X-Moz) are not visits."""
    for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ"):
        value = request.META.get(header, "").lower()
        if "prefetch" in value or "preview" in value or "prerender" in value:
            return True
    return False


def opted_out(request: HttpRequest) -> bool:
    """Do-Not-Track or Global Privacy Control."""
    return request.META.get("HTTP_DNT", "").strip() == "1" or (
        request.META.get("HTTP_SEC_GPC", "").strip() == "1"
    )


def is_editor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def not_counted_because(request: HttpRequest) -> str:
    """Why this request is not a countable visit ('' when it is)."""
    if opted_out(request):
        return "opted_out"
    if is_prefetch(request):
        return "prefetch"
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return "bot"
    if request.META.get("HTTP_SEC_FETCH_SITE", "") == "cross-site":
        return "cross_site"
    if is_editor(request):
        return "editor"
    return ""


def seconds_left_in_day(now: dt.datetime, zone: zoneinfo.ZoneInfo) -> int:
    local = now.astimezone(zone)
    next_day = local.date() + dt.timedelta(days=1)
    midnight = dt.datetime.combine(next_day, dt.time(), tzinfo=zone)
    return max(1, int((midnight - now).total_seconds()))


def day_salt(*, cache: BaseCache, day: dt.date, timeout: int) -> str:
    """The day's random salt, the same for every worker; it expires with the day.

    The first request of a new day creates it and purges yesterday's hashes.
    """
    key = f"salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None:
        if cache.add(key, secrets.token_hex(32), timeout=timeout):
            purge_expired(cache)
        salt = cache.get(key)
    return salt


def visitor_hash(*, salt: str, page_id: int, request: HttpRequest) -> str:
    agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    material = f"{salt}\x00{page_id}\x00{client_address(request)}\x00{agent}"
    return hashlib.sha256(material.encode("utf-8", "replace")).hexdigest()[:40]


def first_visit_today(*, cache: BaseCache, day: dt.date, visitor: str, timeout: int) -> bool:
    """True once per visitor hash and day, whatever the concurrency (an atomic add)."""
    return cache.add(f"seen:{day.isoformat()}:{visitor}", 1, timeout=timeout)


def purge_expired(cache: BaseCache) -> int:
    """Delete expired rows of a database cache (Redis expires keys by itself)."""
    if not isinstance(cache, DatabaseCache):
        return 0
    database = router.db_for_write(cache.cache_model_class)
    connection = connections[database]
    table = connection.ops.quote_name(cache._table)
    column = connection.ops.quote_name("expires")
    now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
    with connection.cursor() as cursor:
        # Table and column names are our own settings, quoted by the backend.
        cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [now])  # noqa: S608
        return cursor.rowcount
