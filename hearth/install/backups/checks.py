"""What restore looks at before it changes anything: is the database (and the media folder)
empty, and which migrations the snapshot and the code know."""

from pathlib import Path

from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from .media import media_files

# Rows a person or the site made; the migrations create none of these (Wagtail's root and
# welcome pages, the default Site, content types and permissions are not counted).
DATA_MODELS = (
    "auth.User",
    "practice.Practice",
    "practice.Practitioner",
    "practice.Service",
    "bookings.Booking",
    "workshops.Workshop",
    "workshops.Registration",
    "engagement.Comment",
    "intake.IntakePacket",
    "privacy.AuditEntry",
    "notifications.OutboxMessage",
)


def data_found() -> list[str]:
    """Names of the kinds of rows the database already holds (empty list: an empty
    install, migrated or not)."""
    tables = set(connection.introspection.table_names())
    found = []
    for label in DATA_MODELS:
        model = apps.get_model(label)
        if model._meta.db_table in tables and model._default_manager.exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


def media_found(media_root: Path) -> int:
    return len(media_files(media_root))


def migrations_unknown_to_code(applied: list[str]) -> list[str]:
    """Migrations the snapshot's database had that this code does not have (made by a newer
    Hearth)."""
    known = {
        f"{app}.{name}"
        for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    return sorted(set(applied) - known)


def migrations_to_apply() -> int:
    """How many migrations this code has that the database has not had yet."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
