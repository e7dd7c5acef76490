"""A fresh database for a restore (a new SQLite file, or a new PostgreSQL database beside
the test database) and plain SQL against it, apart from Django's connections."""

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import connection


@dataclass(frozen=True)
class FreshDatabase:
    url: str
    vendor: str
    location: str  # the SQLite file, or the PostgreSQL database's name

    def rows(self, sql: str) -> list[tuple]:
        if self.vendor == "sqlite":
            with closing(sqlite3.connect(self.location)) as database:
                return database.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(**_pg_arguments(self.location)) as database:
            return database.execute(sql).fetchall()


@contextmanager
def fresh_database(folder: Path, name: str) -> Iterator[FreshDatabase]:
    """An address where no database exists yet (PostgreSQL: created empty, dropped after)."""
    if connection.vendor == "sqlite":
        path = folder / f"{name}.sqlite3"
        yield FreshDatabase(url=f"sqlite:///{path}", vendor="sqlite", location=str(path))
        return
    import psycopg

    settings = connection.settings_dict
    database = f"hearth_backup_{name}"
    with psycopg.connect(**_pg_arguments("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    try:
        yield FreshDatabase(
            url=f"postgres://{auth}@{host}/{database}", vendor="postgresql", location=database
        )
    finally:
        with psycopg.connect(**_pg_arguments("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _pg_arguments(database: str) -> dict:
    settings = connection.settings_dict
    return {
        "dbname": database,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
    }
