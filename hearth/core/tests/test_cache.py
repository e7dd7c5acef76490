"""PrefixedRedisCache: clear() empties its own keys and leaves the rest of the database alone;
get_many() reads on a connection of each thread's own, and makes a new one when needed.
LeanDatabaseCache reads what Django's DatabaseCache reads."""

import threading

import pytest
import redis
from django.core.cache import caches
from django.db import transaction

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


def test_get_many_reads_values_and_leaves_out_missing_keys(redis_client):
    cache = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": "hearth-test-pages"})
    big = "<p>é</p>" * 20_000  # some 180 kB: the reply comes in many reads
    cache.set_many({"page": big, "list": ["HTTP_COOKIE"], "count": 7, "empty": b""})
    found = cache.get_many(["page", "absent", "list", "count", "empty", "é-key"])
    assert found == {"page": big, "list": ["HTTP_COOKIE"], "count": 7, "empty": b""}
    assert cache.get_many([]) == {}


def test_get_many_reconnects_once_when_the_server_dropped_the_connection(redis_client):
    cache = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": "hearth-test-pages"})
    cache.set("page", "<html>")
    assert cache.get_many(["page"]) == {"page": "<html>"}
    name = "hearth-test-dropped"
    reader = cache._cache.raw_reader()
    reader.connection.send_command("CLIENT", "SETNAME", name)
    assert reader.connection.read_response() == b"OK"
    killed = [c for c in redis_client.client_list() if c.get("name") == name]
    assert len(killed) == 1
    assert redis_client.execute_command("CLIENT", "KILL", "ID", killed[0]["id"]) == 1
    assert cache.get_many(["page", "absent"]) == {"page": "<html>"}
    assert [c for c in redis_client.client_list() if c.get("name") == name] == []


def test_each_thread_reads_on_its_own_connection(redis_client):
    cache = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": "hearth-test-pages"})
    cache.set("page", "<html>")
    readers = []

    def read() -> None:
        assert cache.get_many(["page"]) == {"page": "<html>"}
        readers.append(cache._cache.raw_reader())

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    read()
    assert len({id(reader.connection) for reader in readers}) == 4


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_reads_the_same_outside_a_transaction(django_assert_num_queries):
    """Outside a transaction, with no one logging queries, SQLite is read through the
    driver's own connection; what is read is what Django's cursor reads."""
    cache = caches["pages"]
    cache.set_many({"page": "<html>é</html>", "list": ["HTTP_COOKIE"], "count": 7})
    cache.set("gone", "old", timeout=-1)  # already expired: dropped when read
    keys = ["page", "list", "count", "absent", "gone"]
    found = cache.get_many(keys)
    assert found == {"page": "<html>é</html>", "list": ["HTTP_COOKIE"], "count": 7}
    with django_assert_num_queries(1):  # watched: through Django's cursor, the same rows
        assert cache.get_many(keys) == found
    with transaction.atomic():
        assert cache.get_many(keys) == found
    cache.clear()
