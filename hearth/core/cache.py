"""Cache backends: a Redis cache whose clear() empties only its own keys, so it can share a
Redis database, and a database cache that reads a little faster."""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, models, router
from django.utils import timezone


class _ReusedClientsRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis-py client (a dict of some 170 reply parsers) for
    every operation; this one makes one per connection pool and reuses it (redis-py's
    clients are safe to share: each command borrows a connection from the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class PrefixedRedisCache(RedisCache):
    """Django's RedisCache, except that clear() deletes this cache's keys, not the database.

    Django's own clear() runs FLUSHDB, which would also wipe the task queue and everything
    else kept in the same Redis database.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClientsRedisCacheClient

    def get_many(self, keys, version=None):
        """Django's, without the per-character memcached key checks (Redis takes any key)."""
        key_map = {self.make_key(key, version=version): key for key in keys}
        found = self._cache.get_many(key_map.keys())
        return {key_map[key]: value for key, value in found.items()}

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
        return bool(deleted)


class LeanDatabaseCache(DatabaseCache):
    """Django's DatabaseCache, except that a read works out how to read the expiry date once
    per cache object rather than building an ORM expression and field on every read (a
    tenth of a cached page's time)."""

    _expires_reader: tuple | None = None

    def get_many(self, keys, version=None):
        if not keys:
            return {}
        # make_key: the validation's per-character memcached checks cost more than the
        # read, and a database table takes any key.
        key_map = {self.make_key(key, version=version): key for key in keys}
        connection = connections[router.db_for_read(self.cache_model_class)]
        quote_name = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT {}, {}, {} FROM {} WHERE {} IN ({})".format(  # noqa: S608 (names quoted)
                    quote_name("cache_key"),
                    quote_name("value"),
                    quote_name("expires"),
                    quote_name(self._table),
                    quote_name("cache_key"),
                    ", ".join(["%s"] * len(key_map)),
                ),
                list(key_map),
            )
            rows = cursor.fetchall()
        if self._expires_reader is None or self._expires_reader[0] is not connection:
            expression = models.Expression(output_field=models.DateTimeField())
            converters = connection.ops.get_db_converters(
                expression
            ) + expression.get_db_converters(connection)
            self._expires_reader = (connection, expression, converters)
        _, expression, converters = self._expires_reader
        result = {}
        expired_keys = []
        now = timezone.now()
        for key, value, expires in rows:
            for converter in converters:
                expires = converter(expires, expression, connection)
            if expires < now:
                expired_keys.append(key)
            else:
                value = connection.ops.process_clob(value)
                result[key_map.get(key)] = pickle.loads(base64.b64decode(value.encode()))  # noqa: S301 (our own cache table)
        self._base_delete_many(expired_keys)
        return result
