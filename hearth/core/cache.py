"""A Redis cache whose clear() empties only its own keys, so it can share a Redis database."""

from django.core.cache.backends.redis import RedisCache


class PrefixedRedisCache(RedisCache):
    """Django's RedisCache, except that clear() deletes this cache's keys, not the database.

    Django's own clear() runs FLUSHDB, which would also wipe the task queue and everything
    else kept in the same Redis database.
    """

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
