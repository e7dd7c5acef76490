"""Rows read straight from the cursor, and queries built once per shape, give the ORM's rows."""

import datetime as dt

import pytest

from hearth.core.models import IdempotencyKey
from hearth.core.rows import shaped_rows, value_rows

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 3, 1, 12, 0, 0, 250_000, tzinfo=dt.UTC)


@pytest.fixture
def keys():
    return [
        IdempotencyKey.objects.create(
            scope="booking" if n % 2 else "registration",
            key=f"k{n}",
            fingerprint="f",
            target_id=n,
            created_at=START + dt.timedelta(hours=n),
        ).pk
        for n in range(6)
    ]


def made_between(*, ids, since, until):
    return (
        IdempotencyKey.objects.filter(pk__in=ids, created_at__gte=since, created_at__lt=until)
        .exclude(scope="registration")
        .order_by("pk")
        .values_list("target_id", "created_at")
    )


def test_value_rows_are_the_orms_rows_with_utc_datetimes(keys):
    query = IdempotencyKey.objects.order_by("pk").values_list("key", "created_at", "target_id")
    rows = value_rows(query, datetime_columns=(1,))
    assert rows == list(query)
    assert rows[0] == ("k0", START, 0)
    assert rows[0][1].tzinfo is dt.UTC


def test_a_shaped_query_gives_the_orms_rows_for_every_value(keys):
    for ids, hours in ((keys[:4], (0, 4)), (keys[2:6], (1, 6)), (keys[:4], (3, 9))):
        since, until = (START + dt.timedelta(hours=h) for h in hours)
        expected = list(made_between(ids=ids, since=since, until=until))
        rows = shaped_rows(
            "test.made_between",
            made_between,
            datetime_columns=(1,),
            ids=ids,
            since=since,
            until=until,
        )
        assert rows == expected
    assert rows == [(3, START + dt.timedelta(hours=3))]


def test_a_shaped_query_of_nothing_is_empty(keys):
    rows = shaped_rows(
        "test.made_between", made_between, ids=[], since=START, until=START + dt.timedelta(days=1)
    )
    assert rows == []


def test_a_value_the_query_changes_is_never_frozen_into_the_sql(keys):
    def made_after_the_day_of(*, since):  # the value is truncated, not passed as it is
        return IdempotencyKey.objects.filter(created_at__date__gte=since.date()).values_list("key")

    for since in (START, START + dt.timedelta(days=1)):
        rows = shaped_rows("test.day", made_after_the_day_of, since=since)
        assert rows == list(made_after_the_day_of(since=since))
