"""Copies of a shared cache's values kept in this process, for a few seconds at most, and used
only while they are known to be current.

A cached page read from Redis or the database costs a round trip (and, on a small server,
the CPU of the process at the other end) on every request. A near copy costs a dictionary
lookup. It is used only under the "tag" it was read under: a number that changes whenever
the shared cache is emptied (a purge), as every process sees it at once (a counter in a
shared file next to an SQLite database, or a generation moved by a Redis purge message that
every process acknowledges before the purge returns; hearth/core/redis_purges.py). The tag
is taken *before* the shared read, so a copy read while a purge was under way carries the
old tag and is never used.
"""

import threading
import time
from dataclasses import dataclass

# Past this many bytes of copies, all are dropped (pages are re-read from the shared cache).
BYTES_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Copy:
    value: bytes
    tag: object
    expires_at: float  # time.time()


class NearCopies:
    def __init__(self, seconds: float, *, bytes_limit: int = BYTES_LIMIT):
        self.seconds = seconds
        self.bytes_limit = bytes_limit
        self._copies: dict[str, _Copy] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    def read(self, keys: list[str], tag: object) -> dict[str, bytes]:
        """The copies of `keys` kept under `tag` and not yet expired."""
        now = time.time()
        copies = self._copies
        found = {}
        for key in keys:
            copy = copies.get(key)
            if copy is not None and copy.tag == tag and now < copy.expires_at:
                found[key] = copy.value
        return found

    def keep(
        self, key: str, value: bytes, tag: object, *, expires_at: float | None = None
    ) -> None:
        """Keep `value`, read from the shared cache under `tag`, until `expires_at` (when the
        shared cache drops it) or for `seconds`, whichever comes first."""
        until = time.time() + self.seconds
        if expires_at is not None:
            until = min(until, expires_at)
        with self._lock:
            if self._bytes + len(value) > self.bytes_limit:
                self._copies.clear()
                self._bytes = 0
            old = self._copies.get(key)
            if old is not None:
                self._bytes -= len(old.value)
            self._copies[key] = _Copy(value, tag, until)
            self._bytes += len(value)

    def forget(self, keys) -> None:
        with self._lock:
            for key in keys:
                old = self._copies.pop(key, None)
                if old is not None:
                    self._bytes -= len(old.value)

    def forget_all(self) -> None:
        with self._lock:
            self._copies.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._copies)
