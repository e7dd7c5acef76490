"""PostgreSQL in and out with Debian's client programs: `pg_dump --format=custom` (one
consistent snapshot of the running database) and `pg_restore`. The client's major version
must match the server's; the password goes through the environment, never the command
line."""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import connection, transaction

DROP = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}


class PostgresCopyFailed(Exception):
    pass


def client_environment(settings_dict: dict) -> dict[str, str]:
    """PG* variables that point the client programs at Django's database."""
    values = {
        "PGHOST": settings_dict.get("HOST") or "",
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
        "PGDATABASE": settings_dict.get("NAME") or "",
    }
    return os.environ | {name: value for name, value in values.items() if value}


def server_major_version() -> int:
    return connection.pg_version // 10000


def check_client_version(program: str) -> str:
    """The program's path; raise PostgresCopyFailed when it is missing or its major version
    differs from the server's."""
    path = shutil.which(program)
    if path is None:
        raise PostgresCopyFailed(
            f"{program} is not installed. On Debian or Ubuntu: apt install postgresql-client "
            "(of the same major version as the server)."
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)  # noqa: S603
    found = re.search(r"(\d+)(?:\.\d+)?", output.stdout)
    client = int(found.group(1)) if found else 0
    server = server_major_version()
    if client != server:
        raise PostgresCopyFailed(
            f"{program} is version {client} but the PostgreSQL server is version {server}: "
            f"they must match. Install the client of version {server} (Debian: apt install "
            f"postgresql-client-{server}) and make sure it comes first on PATH."
        )
    return path


def dump_postgres(*, target: Path) -> None:
    """Write the whole database to `target` in pg_dump's custom format."""
    program = check_client_version("pg_dump")
    command = [program, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    _run(command, action="pg_dump")


def empty_the_schema() -> None:
    """Drop every table, view and sequence in the current schema (one transaction), so that
    pg_restore finds nothing in its way; extensions are left (the dump re-creates them only
    if absent)."""
    with transaction.atomic(), connection.cursor() as cursor:
        # Tables first: their own sequences (serial, identity) go with them.
        for kinds in (("r", "p", "v", "m"), ("S",)):
            cursor.execute(
                "SELECT c.relname, c.relkind FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')",
                [list(kinds)],
            )
            for name, kind in cursor.fetchall():
                quoted = connection.ops.quote_name(name)
                cursor.execute(f"DROP {DROP[kind]} IF EXISTS {quoted} CASCADE")


def restore_postgres(*, source: Path) -> None:
    """Load the dump `source` into the (emptied) database, all or nothing."""
    program = check_client_version("pg_restore")
    command = [program, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    database = connection.settings_dict["NAME"]
    _run([*command, f"--dbname={database}", str(source)], action="pg_restore")


def _run(command: list[str], *, action: str) -> None:
    environment = client_environment(connection.settings_dict)
    result = subprocess.run(command, capture_output=True, text=True, env=environment)  # noqa: S603
    if result.returncode != 0:
        raise PostgresCopyFailed(f"{action} failed: {result.stderr.strip()}")
