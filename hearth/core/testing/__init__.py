"""Test helpers shared by tests, benchmarks and docs: real forms, servers and mail, no mocks.

The SMTP server lives in `hearth.core.testing.smtp` (it needs aiosmtpd) and its pytest
fixture in `hearth.core.testing.fixtures`.
"""

from .databases import migrated_sqlite
from .forms import form_fields
from .servers import (
    database_url,
    env_for_test_database,
    free_port,
    fresh_demo_install,
    gunicorn_server,
    wait_until_up,
)

__all__ = [
    "database_url",
    "env_for_test_database",
    "form_fields",
    "free_port",
    "fresh_demo_install",
    "gunicorn_server",
    "migrated_sqlite",
    "wait_until_up",
]
