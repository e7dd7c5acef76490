"""A number every process on this machine reads at once and any process can move on: eight
bytes in a file, mapped into memory.

It tells the processes serving an SQLite install (which are all on one machine: the
database is a local file) that the page cache was emptied: reading it costs no system call,
and a change made by one process is in every other's mapping as soon as it is written. It
only ever goes up, so a value once seen never comes back.
"""

import fcntl
import mmap
import os
import struct
from pathlib import Path

_FORMAT = "<Q"
_SIZE = struct.calcsize(_FORMAT)


class SharedCounter:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._pid = None
        self._map = None
        self._fd = None

    def value(self) -> int:
        return struct.unpack_from(_FORMAT, self._mapping())[0]

    def advance(self) -> int:
        """Add one (under the file's lock, so two processes never both write the same
        value) and return the new value."""
        mapping = self._mapping()
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            value = struct.unpack_from(_FORMAT, mapping)[0] + 1
            struct.pack_into(_FORMAT, mapping, 0, value)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        return value

    def _mapping(self) -> mmap.mmap:
        if self._pid != os.getpid() or self._map is None:
            self._open()
        return self._map

    def _open(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.fstat(fd).st_size < _SIZE:
                os.ftruncate(fd, _SIZE)  # a new file: zeros
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
        self._map = mmap.mmap(fd, _SIZE, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
        self._fd = fd
        self._pid = os.getpid()
