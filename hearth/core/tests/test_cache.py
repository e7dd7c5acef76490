"""PrefixedRedisCache.clear() empties its own keys and leaves the rest of the database alone."""

import pytest
import redis

from hearth.core.cache import PrefixedRedisCache
from hearth.core.testing.redis import TEST_REDIS_URL

REDIS_URL = TEST_REDIS_URL


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield client
    client.delete("hearth-test-other", *client.keys("hearth-test-pages:*"))


def test_clear_deletes_only_its_own_keys(redis_client):
    cache = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": "hearth-test-pages"})
    redis_client.set("hearth-test-other", "kept")
    for number in range(1200):  # more than one delete batch
        cache.set(f"page-{number}", "<html>")
    assert cache.get("page-7") == "<html>"
    assert cache.clear() is True
    assert cache.get("page-7") is None
    assert redis_client.keys("hearth-test-pages:*") == []
    assert redis_client.get("hearth-test-other") == b"kept"
