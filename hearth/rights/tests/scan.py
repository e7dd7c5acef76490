"""Where a piece of text survives in the database: every table's rows as text (SQL), and on
SQLite also the raw bytes of the database file and its write-ahead log."""

import hashlib
from pathlib import Path

from django.db import connection

from hearth.core.ratelimit import email_counter_key


def forms_of(*, name: str, email: str, phone: str, message: str) -> list[str]:
    """The person's details in every form we can think of, lower-cased."""
    surname = name.split()[-1]
    return [
        email.lower(),
        email.split("@")[0].lower(),
        name.lower(),
        surname.lower(),
        phone.lower(),
        phone.replace(" ", ""),
        message.lower(),
        email_counter_key(email).split(":")[1],
        hashlib.sha256(email.lower().encode()).hexdigest(),
    ]


def tables_holding(text: str) -> list[str]:
    """The tables with a row that holds `text` (case-insensitive) in any column."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                sql = f"SELECT count(*) FROM {quoted} AS r WHERE lower(r::text) LIKE %s"  # noqa: S608
                cursor.execute(sql, [f"%{text}%"])
            else:
                columns = [
                    c.name for c in connection.introspection.get_table_description(cursor, table)
                ]
                condition = " OR ".join(
                    f"lower(CAST({connection.ops.quote_name(c)} AS TEXT)) LIKE %s" for c in columns
                )
                # Table and column names come from the database's own catalogue.
                sql = f"SELECT count(*) FROM {quoted} WHERE {condition}"  # noqa: S608
                cursor.execute(sql, [f"%{text}%"] * len(columns))
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def sqlite_files_holding(text: str) -> list[str]:
    """The SQLite database files (main file, WAL) whose bytes hold `text` in any case."""
    main = Path(connection.settings_dict["NAME"])
    files = [main, Path(f"{main}-wal")]
    return [
        p.name for p in files if p.exists() and text.encode().lower() in p.read_bytes().lower()
    ]
