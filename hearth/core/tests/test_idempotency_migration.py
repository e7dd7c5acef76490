"""The move of request keys into core.IdempotencyKey keeps every stored key (both apps)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hearth.core.models import IdempotencyKey

pytestmark = pytest.mark.django_db(transaction=True)
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)
BEFORE = [("bookings", "0004_sequence_and_video_url"), ("workshops", "0001_initial")]
AFTER = [
    ("bookings", "0005_idempotency_keys_in_core"),
    ("workshops", "0002_idempotency_keys_in_core"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_keys_of_bookings_and_registrations_are_copied_into_core():
    apps = migrate(BEFORE)
    apps.get_model("bookings", "IdempotencyKey").objects.create(
        key="form:abc", fingerprint="f" * 64, booking=None, created_at=NOW
    )
    apps.get_model("workshops", "RegistrationKey").objects.create(
        key="form:abc", fingerprint="e" * 64, registration=None, created_at=NOW
    )
    apps = migrate(AFTER)
    rows = apps.get_model("core", "IdempotencyKey").objects.order_by("scope")
    assert [(r.scope, r.key, r.fingerprint, r.target_id, r.created_at) for r in rows] == [
        ("booking", "form:abc", "f" * 64, None, NOW),
        ("registration", "form:abc", "e" * 64, None, NOW),
    ]
    apps = migrate(BEFORE)
    assert apps.get_model("bookings", "IdempotencyKey").objects.get().fingerprint == "f" * 64
    assert IdempotencyKey.objects.count() == 0  # core's table stays, emptied of the copies
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
