"""Fixed-window rate limits counted in the database, so they hold across workers and
on the SQLite default with no cache server."""

import datetime as dt
import hashlib
import ipaddress

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from .models import RateCounter


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the configured trusted proxy header only.

    With HEARTH_TRUSTED_PROXY_HEADER=HTTP_X_FORWARDED_FOR the last address is
    used: the one our own proxy appended, which a client cannot forge.
    """
    header = settings.HEARTH_TRUSTED_PROXY_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def client_ip_address(request: HttpRequest) -> str | None:
    """client_address if it is an IP address, else None (for django-axes' address columns)."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def limited_address(request: HttpRequest) -> str:
    """The address a rate limit counts: client_address, with an IPv6 address widened to its
    /64 network (one household or server is usually given a whole /64, so counting single
    IPv6 addresses would let one sender take 2**64 allowances)."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def hashed_key(kind: str, value: str) -> str:
    """A counter key that keeps only a keyed hash of `value` (an address, an email)."""
    material = f"{settings.SECRET_KEY}\x00{value}"
    return f"{kind}:" + hashlib.sha256(material.encode()).hexdigest()[:32]


def hit_within_limit(*, key: str, limit: int, window: dt.timedelta, now: dt.datetime) -> bool:
    """Count one hit; True while the key is within `limit` hits per window (0 = no limit)."""
    if limit <= 0:
        return True
    start = _window_start(window, now)
    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window_start=start).update(
            hits=F("hits") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window_start=start, hits=1)
            except IntegrityError:  # another worker created it first
                RateCounter.objects.filter(key=key, window_start=start).update(hits=F("hits") + 1)
        hits = RateCounter.objects.get(key=key, window_start=start).hits
    return hits <= limit


def purge_old_counters(*, before: dt.datetime) -> int:
    return RateCounter.objects.filter(window_start__lt=before).delete()[0]


def _email_key(email: str) -> str:
    return hashed_key("book-email", email.lower())


def _window_start(window: dt.timedelta, now: dt.datetime) -> dt.datetime:
    seconds = int(window.total_seconds())
    return dt.datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=dt.UTC)


def submission_allowed(request: HttpRequest, *, email: str, now: dt.datetime) -> bool:
    """One booking or registration request against HEARTH_RATE_LIMIT_PER_IP (per minute,
    every request counts) and HEARTH_RATE_LIMIT_PER_EMAIL (per day, only bookings and
    registrations made count: see `count_submission_made`), so nobody can use up someone
    else's allowance with refused requests in their name. Both kinds share the counters."""
    per_ip = hit_within_limit(
        key=hashed_key("book-ip", limited_address(request)),
        limit=settings.HEARTH_RATE_LIMIT_PER_IP,
        window=dt.timedelta(minutes=1),
        now=now,
    )
    limit = settings.HEARTH_RATE_LIMIT_PER_EMAIL
    if limit <= 0:
        return per_ip
    made = (
        RateCounter.objects.filter(
            key=_email_key(email), window_start=_window_start(dt.timedelta(days=1), now)
        )
        .values_list("hits", flat=True)
        .first()
    )
    return per_ip and (made or 0) < limit


def count_submission_made(*, email: str, now: dt.datetime) -> None:
    """Count one booking or registration made for `email` against its daily limit."""
    hit_within_limit(
        key=_email_key(email),
        limit=settings.HEARTH_RATE_LIMIT_PER_EMAIL,
        window=dt.timedelta(days=1),
        now=now,
    )


def email_counter_key(email: str) -> str:
    """The key of an address's daily counter (an erasure deletes its rows)."""
    return _email_key(email)
