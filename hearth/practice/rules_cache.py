"""The practice's booking rules, kept in each process between requests and dropped on any edit.

Every slots request needs a service, its practitioners, their weekly hours, date overrides
and licenses: five queries and a few hundred model attributes that change a few times a
year. Each process keeps them, tagged with a version held in the shared `default` cache
(database table or Redis, so every worker sees it). Any edit of those rows replaces the
version, now and again once the edit commits (a reader between the two could have loaded the
old rows under the new version), so the next request in every process loads afresh.

Inside a transaction the rows are always loaded afresh: a write (a booking being checked,
a test's rolled-back data) must see its own transaction's rows, not another moment's.
Writes that send no model signals (`bulk_create`, `update`) call `practice_rules_changed()`.
"""

import threading
import uuid
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection, transaction

from .models import Practitioner, Service

VERSION_KEY = "hearth:practice-rules-version"


@dataclass(frozen=True)
class ServiceRulesSnapshot:
    """A service with its practitioners (by slug), each with `weekly_windows`, `licenses`
    and every one of its `overrides` prefetched. Shared between requests: read only."""

    service: Service
    practitioners: tuple[Practitioner, ...]

    def practitioner(self, slug: str) -> Practitioner | None:
        return next((p for p in self.practitioners if p.slug == slug), None)


_MISSING = object()
_lock = threading.Lock()
_kept_version: list[str | None] = [None]  # the version the kept snapshots belong to
_kept: dict[str, ServiceRulesSnapshot | None] = {}  # by service slug


def service_rules_snapshot(slug: str) -> ServiceRulesSnapshot | None:
    """The service named `slug` with its practitioners, or None when there is none."""
    if connection.in_atomic_block:
        return _load(slug)
    try:
        version = _current_version()
    except Exception:  # the shared cache is down: slots still answer, from the database,
        with _lock:  # and nothing kept from before can outlive an edit made meanwhile
            _kept.clear()
            _kept_version[0] = None
        return _load(slug)
    with _lock:
        if _kept_version[0] != version:
            _kept.clear()
            _kept_version[0] = version
        snapshot = _kept.get(slug, _MISSING)
    if snapshot is _MISSING:
        snapshot = _load(slug)
        with _lock:
            if _kept_version[0] == version:
                _kept[slug] = snapshot
    return snapshot  # type: ignore[return-value]


def practice_rules_changed(**_signal_kwargs) -> None:
    """Drop every process's kept rules, now and again after the current transaction commits."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    caches["default"].set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _current_version() -> str:
    cache = caches["default"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _load(slug: str) -> ServiceRulesSnapshot | None:
    if "\x00" in slug:
        return None
    service = Service.objects.filter(slug=slug).first()
    if service is None:
        return None
    practitioners = service.practitioners.order_by("slug").prefetch_related(
        "weekly_windows", "licenses", "overrides"
    )
    return ServiceRulesSnapshot(service=service, practitioners=tuple(practitioners))
