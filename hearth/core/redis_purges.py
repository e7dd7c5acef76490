"""Purges of a Redis cache that every process's near copies (near_copies.py) see before the
purge returns, on every app server that shares the Redis.

Each serving process keeps one subscriber connection (a thread) on the cache's purge channel.
A purge deletes the keys, publishes a message naming a one-time reply list, and waits until
as many processes as Redis says received the message have pushed their acknowledgment:
each moves its generation on (its copies no longer count) before it does. While the
subscriber is not connected, or has not heard from Redis for a few seconds (it pings every
second), the process uses no copies at all, and it starts afresh when it connects again:
a purge it could have missed can never leave it serving an old page.

Built on redis-py's own connection, command packing and reply parsing; only the connection
is kept by the thread rather than redis-py's PubSub, whose silent reconnection would hide a
gap in which purges were missed.
"""

import logging
import os
import secrets
import threading
import time

import redis

logger = logging.getLogger(__name__)

PING_SECONDS = 1.0
# Without a word from Redis for this long, copies are not used.
SILENCE_SECONDS = 3.0
# A purge waits this long for the processes' acknowledgments, then goes on (and says so).
ACK_SECONDS = 2.0
RETRY_SECONDS = 0.5

_listeners: dict[str, "PurgeListener"] = {}
_listeners_lock = threading.Lock()


def purge_channel(pool: redis.ConnectionPool, prefix: str) -> str:
    """Channels are shared by every database of a Redis server: the name carries the
    database's number as well as the cache's prefix."""
    return f"{prefix}:purges:db{pool.connection_kwargs.get('db', 0)}"


def listener_for(pool: redis.ConnectionPool, channel: str) -> "PurgeListener":
    """This process's listener on `channel`, started on first use (and again after a fork)."""
    listener = _listeners.get(channel)
    if listener is None or listener.pid != os.getpid():
        with _listeners_lock:
            listener = _listeners.get(channel)
            if listener is None or listener.pid != os.getpid():
                listener = _listeners[channel] = PurgeListener(pool, channel)
                listener.start()
    return listener


def publish_purge(client: redis.Redis, channel: str) -> tuple[int, int]:
    """Tell every listening process that the cache was emptied, and wait for them to say
    they have dropped their copies; (receivers, acknowledged)."""
    reply_list = f"{channel}:ack:{secrets.token_hex(8)}"
    receivers = client.publish(channel, reply_list)
    acknowledged = 0
    deadline = time.monotonic() + ACK_SECONDS
    while acknowledged < receivers:
        left = deadline - time.monotonic()
        if left <= 0 or client.blpop([reply_list], timeout=left) is None:
            break
        acknowledged += 1
    client.delete(reply_list)
    if acknowledged < receivers:
        logger.warning(
            "page cache purge: %d of %d serving processes acknowledged within %.0f s; the "
            "others stop using their copies within %.0f s",
            acknowledged,
            receivers,
            ACK_SECONDS,
            SILENCE_SECONDS,
        )
    return receivers, acknowledged


class PurgeListener(threading.Thread):
    """The thread holding this process's subscription; `generation` is the tag of copies."""

    def __init__(self, pool: redis.ConnectionPool, channel: str):
        super().__init__(name=f"purges {channel}", daemon=True)
        self.pool = pool
        self.channel = channel
        self.pid = os.getpid()
        self.generation = 0
        self.heard_at = 0.0  # time.monotonic(); 0 while not subscribed
        self._client = redis.Redis(connection_pool=pool)

    def current(self) -> bool:
        """True while a purge cannot pass this process unseen."""
        return time.monotonic() - self.heard_at < SILENCE_SECONDS

    def run(self) -> None:
        reported = False
        while True:
            try:
                self._listen()
            except Exception as error:
                if self.heard_at or not reported:
                    logger.warning("page cache purges: no subscription (%s); retrying", error)
                    reported = True
            self._stop_using_copies()
            time.sleep(RETRY_SECONDS)

    def _listen(self) -> None:
        connection = self.pool.connection_class(**self.pool.connection_kwargs)
        try:
            connection.connect()
            connection.send_command("SUBSCRIBE", self.channel)
            reply = connection.read_response(push_request=True)
            if reply[0] != b"subscribe":
                raise redis.ConnectionError(f"unexpected answer to SUBSCRIBE: {reply!r}")
            # Anything read before now may predate a purge this process did not hear.
            self.generation += 1
            self.heard_at = time.monotonic()
            pinged_at = self.heard_at
            while True:
                if connection.can_read(timeout=PING_SECONDS):
                    reply = connection.read_response(push_request=True)
                    if reply[0] == b"message":
                        self.generation += 1
                        reply_list = reply[2]
                        self._client.rpush(reply_list, self.pid)
                        self._client.expire(reply_list, 60)
                    self.heard_at = time.monotonic()
                if time.monotonic() - pinged_at >= PING_SECONDS:
                    connection.send_command("PING")
                    pinged_at = time.monotonic()
        finally:
            connection.disconnect()

    def _stop_using_copies(self) -> None:
        self.heard_at = 0.0
        self.generation += 1
