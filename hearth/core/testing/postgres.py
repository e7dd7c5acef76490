"""A migrated, empty PostgreSQL database of its own for a test that runs Hearth as a separate
install, on the server the suite uses; dropped afterwards.

Migrating from nothing takes half a minute on PostgreSQL, so the first call migrates a
template database once per set of migrations (`migrations_fingerprint`, as for SQLite) and
each call copies it (`CREATE DATABASE ... TEMPLATE`, a file copy on the server).
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from .databases import ROOT, migrations_fingerprint

SETTINGS_MODULE = "config.settings.dev"


def _server() -> dict:
    """Connection parameters for the suite's PostgreSQL server (its maintenance database)."""
    from django.db import connection

    config = connection.settings_dict
    return {
        "host": config["HOST"] or "127.0.0.1",
        "port": int(config["PORT"] or 5432),
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
    }


def _url(server: dict, name: str) -> str:
    auth = server["user"] + (f":{server['password']}" if server["password"] else "")
    return f"postgres://{auth}@{server['host']}:{server['port']}/{name}"


def _run(server: dict, *statements: str) -> None:
    import psycopg

    with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def _exists(server: dict, name: str) -> bool:
    import psycopg

    with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        return admin.execute(query, [name]).fetchone() is not None


def _template(server: dict) -> str:
    name = f"hearth_template_{migrations_fingerprint(SETTINGS_MODULE)}"
    if _exists(server, name):
        return name
    building = f"{name}_{os.getpid()}"
    _run(server, f'DROP DATABASE IF EXISTS "{building}"', f'CREATE DATABASE "{building}"')
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": _url(server, building),
        "REDIS_URL": "",  # the database cache tables too
    }
    command = [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"]
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    import psycopg

    try:
        _run(server, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    except psycopg.errors.DuplicateDatabase:  # another process made it first
        _run(server, f'DROP DATABASE IF EXISTS "{building}"')
    return name


@contextmanager
def migrated_postgres(name: str) -> Iterator[str]:
    """Yield the address of database `name`, made anew as a migrated, empty copy; drop it
    when the block ends."""
    server = _server()
    template = _template(server)
    _run(
        server,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
    )
    try:
        yield _url(server, name)
    finally:
        _run(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
