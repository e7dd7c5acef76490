"""The one Redis database the test suite may use (and empty): HEARTH_TEST_REDIS_URL.

Two runs of the suite side by side (CI runs SQLite and PostgreSQL at once) each name their
own; the benchmarks default to other databases (3 and 4), so nothing empties another's keys.
"""

import os

TEST_REDIS_URL = os.environ.get("HEARTH_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
