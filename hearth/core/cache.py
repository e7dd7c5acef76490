"""Cache backends: a Redis cache whose clear() empties only its own keys, so it can share a
Redis database, and whose reads skip most of redis-py; a database cache that reads a
little faster. Both can keep near copies of what they read (OPTIONS NEAR_COPY_SECONDS; the
page cache does): see near_copies.py for when a copy may be used."""

import base64
import datetime
import os
import pickle
import threading

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, models, router, transaction
from django.utils import timezone

from .near_copies import NearCopies
from .redis_purges import listener_for, publish_purge, purge_channel
from .shared_counter import SharedCounter


def _near_copies(params: dict) -> tuple[dict, NearCopies | None]:
    """The cache's settings without NEAR_COPY_SECONDS (Django would hand it to the client),
    and the near copies it asks for (none for 0)."""
    options = dict(params.get("OPTIONS") or {})
    seconds = float(options.pop("NEAR_COPY_SECONDS", 0))
    return {**params, "OPTIONS": options}, NearCopies(seconds) if seconds > 0 else None


class _NearCopiesWrites:
    """What a write means for near copies, for both backends: a stored value replaces this
    process's copy of it (another process's copy holds the same page until it expires:
    pages are only stored after a purge or when they expired); a deletion is a purge."""

    _near: NearCopies | None

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        if self._near is not None:
            self._near.forget([self.make_key(key, version=version)])

    def delete(self, key, version=None):
        deleted = super().delete(key, version)
        self._purged()
        return deleted

    def delete_many(self, keys, version=None):
        super().delete_many(keys, version)
        self._purged()


class _ReusedClientsRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis-py client (a dict of some 170 reply parsers) for
    every operation; this one makes one per connection pool and reuses it (redis-py's
    clients are safe to share: each command borrows a connection from the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._readers = threading.local()

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client

    def raw_reader(self) -> "_RawReader":
        """This thread's reader of the read server (a new one after a fork)."""
        index = self._get_connection_pool_index(False)
        readers = self._readers.__dict__
        reader = readers.get(index)
        if reader is None or reader.pid != os.getpid():
            reader = readers[index] = _RawReader(self._get_connection_pool(False))
        return reader


class _RawReader:
    """MGET on one redis-py connection kept by one thread.

    A cached page costs one MGET; redis-py's client path (pool checkout, retry wrapper,
    response callbacks) cost more than the round trip itself. The connection is redis-py's,
    made from the cache's own pool settings (address, password, TLS, database, protocol),
    and the command is packed and its reply parsed by redis-py (`send_command`,
    `read_response`); it is only kept out of the pool, since this thread alone uses it.
    On any error the connection is dropped and the read is made once more on a new one;
    a second error goes to the caller (the page cache then renders the page).
    """

    def __init__(self, pool):
        self.pool = pool
        self.pid = os.getpid()
        self.connection = None

    def mget(self, keys: list[str]) -> list[bytes | None]:
        try:
            return self._mget_once(keys)
        except Exception:
            self._drop()
            return self._mget_once(keys)

    def _mget_once(self, keys: list[str]) -> list[bytes | None]:
        if self.connection is None:
            connection = self.pool.connection_class(**self.pool.connection_kwargs)
            connection.connect()
            self.connection = connection
        self.connection.send_command("MGET", *keys)
        return self.connection.read_response()

    def _drop(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.disconnect()


class PrefixedRedisCache(_NearCopiesWrites, RedisCache):
    """Django's RedisCache, except that clear() deletes this cache's keys, not the database.

    Django's own clear() runs FLUSHDB, which would also wipe the task queue and everything
    else kept in the same Redis database.
    """

    def __init__(self, server, params):
        params, self._near = _near_copies(params)
        super().__init__(server, params)
        self._class = _ReusedClientsRedisCacheClient
        self._channel = None

    def get_many(self, keys, version=None):
        """Django's, without the per-character memcached key checks (Redis takes any key),
        and read as one MGET through this thread's own connection (_RawReader), or from
        this process's near copies while they are current."""
        key_map = {self.make_key(key, version=version): key for key in keys}
        if not key_map:
            return {}
        loads = self._cache._serializer.loads
        wanted = list(key_map)
        near = self._near
        found, tag = {}, None
        if near is not None:
            listener = listener_for(self._cache._get_connection_pool(False), self._purges())
            tag = listener.generation  # before the read: see near_copies.py
            if listener.current():
                found = near.read(wanted, tag)
                wanted = [key for key in wanted if key not in found]
            else:
                near = None
        if wanted:
            values = self._cache.raw_reader().mget(wanted)
            for key, value in zip(wanted, values, strict=True):
                if value is not None:
                    found[key] = value
                    if near is not None:
                        near.keep(key, value, tag)
        return {key_map[key]: loads(value) for key, value in found.items()}

    def _purges(self) -> str:
        if self._channel is None:
            pool = self._cache._get_connection_pool(True)
            self._channel = purge_channel(pool, self.key_prefix)
        return self._channel

    def _purged(self) -> None:
        """Every process's copies are dropped before this returns (redis_purges.py)."""
        if self._near is not None:
            self._near.forget_all()
            publish_purge(self._cache.get_client(write=True), self._purges())

    def clear(self) -> bool:
        client = self._cache.get_client(write=True)
        pattern = self.make_key("*")
        deleted = 0
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=500):
            batch.append(key)
            if len(batch) == 500:
                deleted += client.delete(*batch)
                batch = []
        if batch:
            deleted += client.delete(*batch)
        self._purged()
        return bool(deleted)


class LeanDatabaseCache(_NearCopiesWrites, DatabaseCache):
    """Django's DatabaseCache, except that a read works out how to read the expiry date once
    per cache object rather than building an ORM expression and field on every read (a
    tenth of a cached page's time), keeps its SELECT per number of keys, and on SQLite
    reads through the driver's own connection when no one watches the queries."""

    _expires_reader: tuple | None = None

    def _select(self, connection, count: int, *, driver: bool = False) -> str:
        """The SELECT of `count` keys; for the driver itself (`driver`), with qmark
        placeholders and the expiry date as its stored text (a unary plus hides the
        column's declared type, so the driver's own slow datetime parser is skipped)."""
        selects = self.__dict__.setdefault("_selects", {})
        sql = selects.get((connection.vendor, count, driver))
        if sql is None:
            quote_name = connection.ops.quote_name
            sql = selects[(connection.vendor, count, driver)] = (
                "SELECT {}, {}, {}{} FROM {} WHERE {} IN ({})".format(  # noqa: S608 (names quoted)
                    quote_name("cache_key"),
                    quote_name("value"),
                    "+" if driver else "",
                    quote_name("expires"),
                    quote_name(self._table),
                    quote_name("cache_key"),
                    ", ".join(["?" if driver else "%s"] * count),
                )
            )
        return sql

    def __init__(self, table, params):
        params, self._near = _near_copies(params)
        super().__init__(table, params)
        self._counters: dict[str, SharedCounter | None] = {}

    def get_many(self, keys, version=None):
        if not keys:
            return {}
        # make_key: the validation's per-character memcached checks cost more than the
        # read, and a database table takes any key.
        key_map = {self.make_key(key, version=version): key for key in keys}
        connection = connections[router.db_for_read(self.cache_model_class)]
        wanted = list(key_map)
        found: dict[str, bytes] = {}
        counter = self._purge_counter(connection)
        near = None if counter is None or connection.in_atomic_block else self._near
        if near is not None:
            tag = counter.value()  # before the read: see near_copies.py
            found = near.read(wanted, tag)
            wanted = [key for key in wanted if key not in found]
        if wanted:
            for key, value, expires in self._read(connection, wanted):
                found[key] = value
                if near is not None:
                    near.keep(key, value, tag, expires_at=expires.timestamp())
        return {key_map[key]: pickle.loads(value) for key, value in found.items()}  # noqa: S301 (our own cache table)

    def _read(self, connection, keys: list[str]) -> list[tuple[str, bytes, datetime.datetime]]:
        """(key, pickled value, expiry date) of the stored keys not yet expired; the expired
        ones are deleted."""
        raw = connection.connection
        if (
            connection.vendor == "sqlite"
            and raw is not None
            and not connection.in_atomic_block
            and not connection.queries_logged
            and not connection.execute_wrappers
        ):
            # One read in autocommit on the open connection, nobody watching: Django's
            # cursor (its wrappers, checks, placeholder rewriting, converters) would cost
            # more than the read. Errors are Django's as ever.
            sql = self._select(connection, len(keys), driver=True)
            with connection.wrap_database_errors:
                rows = raw.execute(sql, keys).fetchall()
            # Stored as Django writes it: naive text, in UTC when USE_TZ.
            zone = datetime.UTC if settings.USE_TZ else None
            rows = [
                (key, value, datetime.datetime.fromisoformat(expires).replace(tzinfo=zone))
                for key, value, expires in rows
            ]
        else:
            with connection.cursor() as cursor:
                cursor.execute(self._select(connection, len(keys)), keys)
                rows = cursor.fetchall()
            rows = self._with_expiry_dates(connection, rows)
        kept = []
        expired_keys = []
        now = timezone.now()
        for key, value, expires in rows:
            if expires < now:
                expired_keys.append(key)
            else:
                value = connection.ops.process_clob(value)
                kept.append((key, base64.b64decode(value.encode()), expires))
        self._base_delete_many(expired_keys)
        return kept

    def _purge_counter(self, connection) -> SharedCounter | None:
        """The counter of purges beside an SQLite database file, which every process
        serving it shares (they are on one machine); None for other databases (which
        other machines may share: no near copies) or without near copies."""
        if self._near is None or connection.vendor != "sqlite":
            return None
        name = str(connection.settings_dict["NAME"])
        if name not in self._counters:
            in_memory = name == ":memory:" or "mode=memory" in name
            self._counters[name] = None if in_memory else SharedCounter(f"{name}.page-purges")
        return self._counters[name]

    def _purged(self) -> None:
        """Move the purge counter on now, and again once the deletion is committed (before
        that, other processes may still read the old rows, and keep them under the new
        count)."""
        if self._near is None:
            return
        using = router.db_for_write(self.cache_model_class)
        counter = self._purge_counter(connections[using])
        if counter is not None:
            self._near.forget_all()
            counter.advance()
            transaction.on_commit(counter.advance, using=using)

    def clear(self):
        super().clear()
        self._purged()

    def _with_expiry_dates(self, connection, rows):
        if self._expires_reader is None or self._expires_reader[0] is not connection:
            expression = models.Expression(output_field=models.DateTimeField())
            converters = connection.ops.get_db_converters(
                expression
            ) + expression.get_db_converters(connection)
            self._expires_reader = (connection, expression, converters)
        _, expression, converters = self._expires_reader
        converted = []
        for key, value, expires in rows:
            for converter in converters:
                expires = converter(expires, expression, connection)
            converted.append((key, value, expires))
        return converted
