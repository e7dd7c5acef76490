"""Near copies of the page cache: used only under the tag they were read under, dropped by a
purge in any process before the purge returns, and never used while a purge could pass
unseen (no subscription, or no shared counter)."""

import os
import subprocess
import sys
import time

import pytest
import redis
from django.core.cache import caches
from django.db import connection

from hearth.core.cache import LeanDatabaseCache, PrefixedRedisCache
from hearth.core.near_copies import NearCopies
from hearth.core.redis_purges import SILENCE_SECONDS, listener_for, publish_purge
from hearth.core.shared_counter import SharedCounter
from hearth.core.testing import free_port
from hearth.core.testing.redis import TEST_REDIS_URL

PREFIX = "hearth-test-near"


def test_a_copy_is_read_only_under_its_tag_and_until_it_expires():
    copies = NearCopies(5)
    copies.keep("page", b"one", tag=1)
    copies.keep("old", b"gone", tag=1, expires_at=time.time() - 1)
    assert copies.read(["page", "old", "absent"], 1) == {"page": b"one"}
    assert copies.read(["page"], 2) == {}
    copies.forget(["page"])
    assert copies.read(["page"], 1) == {}


def test_copies_past_the_size_limit_start_afresh():
    copies = NearCopies(5, bytes_limit=10)
    copies.keep("a", b"123456", tag=0)
    copies.keep("a", b"1234567", tag=0)  # replaces: 7 bytes held
    copies.keep("b", b"1234", tag=0)  # 11 > 10: everything else is dropped first
    assert copies.read(["a", "b"], 0) == {"b": b"1234"}
    assert len(copies) == 1


def test_a_shared_counter_moves_for_every_process_at_once(tmp_path):
    counter = SharedCounter(tmp_path / "purges")
    assert counter.value() == 0
    script = (
        "import sys; from hearth.core.shared_counter import SharedCounter; "
        "c = SharedCounter(sys.argv[1]); [c.advance() for _ in range(3)]"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "purges")],
        check=True,
        env=os.environ | {"PYTHONPATH": os.getcwd()},
    )
    assert counter.value() == 3
    assert counter.advance() == 4
    assert oct((tmp_path / "purges").stat().st_mode & 0o777) == "0o600"


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_uses_copies_until_a_purge_moves_the_counter(settings):
    if connection.vendor != "sqlite":
        pytest.skip("near copies of the database cache are kept on SQLite only")
    cache = LeanDatabaseCache("hearth_page_cache", {"OPTIONS": {"NEAR_COPY_SECONDS": 60}})
    cache.set("page", "<p>one</p>")
    assert cache.get_many(["page"]) == {"page": "<p>one</p>"}
    with connection.cursor() as cursor:  # behind the cache's back: the copy still answers
        cursor.execute("DELETE FROM hearth_page_cache")
    assert cache.get_many(["page"]) == {"page": "<p>one</p>"}
    # Another process purges: the shared counter moves, and the copy is not used.
    SharedCounter(f"{connection.settings_dict['NAME']}.page-purges").advance()
    assert cache.get_many(["page"]) == {}


@pytest.mark.django_db
def test_the_database_cache_keeps_no_copies_off_sqlite():
    if connection.vendor == "sqlite":
        pytest.skip("PostgreSQL may be shared by several machines: no copies there")
    cache = LeanDatabaseCache("hearth_page_cache", {"OPTIONS": {"NEAR_COPY_SECONDS": 60}})
    cache.set("page", "<p>one</p>")
    assert cache.get_many(["page"]) == {"page": "<p>one</p>"}
    assert len(cache._near) == 0
    cache.clear()


@pytest.fixture
def redis_cache():
    client = redis.Redis.from_url(TEST_REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    cache = PrefixedRedisCache(
        TEST_REDIS_URL, {"KEY_PREFIX": PREFIX, "OPTIONS": {"NEAR_COPY_SECONDS": 60}}
    )
    yield cache
    cache.clear()


def _subscribed(cache: PrefixedRedisCache):
    listener = listener_for(cache._cache._get_connection_pool(False), cache._purges())
    deadline = time.monotonic() + 5
    while not listener.current():
        assert time.monotonic() < deadline, "the purge listener did not subscribe"
        time.sleep(0.01)
    return listener


def test_the_redis_cache_uses_copies_until_a_purge_is_acknowledged(redis_cache):
    _subscribed(redis_cache)
    redis_cache.set("page", "<p>one</p>")
    assert redis_cache.get_many(["page", "absent"]) == {"page": "<p>one</p>"}
    redis.Redis.from_url(TEST_REDIS_URL).delete(f"{PREFIX}:1:page")  # behind its back
    assert redis_cache.get_many(["page"]) == {"page": "<p>one</p>"}
    # A purge by another cache object (as in another process) reaches this one's listener.
    other = PrefixedRedisCache(TEST_REDIS_URL, {"KEY_PREFIX": PREFIX})
    client = other._cache.get_client(write=True)
    receivers, acknowledged = publish_purge(client, redis_cache._purges())
    assert receivers >= 1
    assert acknowledged == receivers
    assert redis_cache.get_many(["page"]) == {}


def test_a_purge_waits_for_another_process_to_drop_its_copies(redis_cache, tmp_path):
    script = (
        "import sys, time; import django; django.setup(); "
        "from hearth.core.cache import PrefixedRedisCache; "
        f"c = PrefixedRedisCache({TEST_REDIS_URL!r}, "
        f"{{'KEY_PREFIX': {PREFIX!r}, 'OPTIONS': {{'NEAR_COPY_SECONDS': 60}}}}); "
        "c.get_many(['page']); print('ready', flush=True); time.sleep(30)"
    )
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
    try:
        assert process.stdout.readline() == b"ready\n"
        _subscribed(redis_cache)
        deadline = time.monotonic() + 5
        client = redis_cache._cache.get_client(write=True)
        channel = redis_cache._purges()
        while client.pubsub_numsub(channel)[0][1] < 2:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert publish_purge(client, channel) == (2, 2)
    finally:
        process.kill()
        process.wait()


def test_copies_are_not_used_once_the_subscription_is_lost(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 5
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        cache = PrefixedRedisCache(
            url, {"KEY_PREFIX": PREFIX, "OPTIONS": {"NEAR_COPY_SECONDS": 60}}
        )
        listener = _subscribed(cache)
        cache.set("page", "<p>one</p>")
        assert cache.get_many(["page"]) == {"page": "<p>one</p>"}
        server.kill()
        server.wait()
        deadline = time.monotonic() + SILENCE_SECONDS + 1
        while listener.current():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        with pytest.raises(redis.ConnectionError):
            cache.get_many(["page"])  # no copy: the page cache renders the page instead
    finally:
        server.kill()
        server.wait()


def test_the_page_cache_of_the_settings_keeps_copies(settings):
    assert settings.CACHES["pages"]["OPTIONS"]["NEAR_COPY_SECONDS"] == 5
    assert caches["pages"]._near.seconds == 5
