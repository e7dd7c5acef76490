"""Rows of a `values_list` query as plain tuples, read straight from the database cursor.

Django converts every value of every row through its field converters, and SQLite's driver
parses each datetime once more before that; for thousands of datetimes per request (the
slots API's bookings) that was most of the request. Here the query is compiled by Django as
usual and its rows come back as the driver gives them, with only the named datetime columns
turned into aware UTC datetimes: on SQLite they are read as their stored text (a unary plus
hides the column's declared type from the driver) and parsed in one C call; PostgreSQL's
driver already returns aware datetimes.

`shaped_rows` goes one step further for queries run on every request: building and
compiling a queryset cost more than running it, so the SQL is made once per shape of the
query with stand-in values, and reused with the real ones.
"""

import itertools
from collections.abc import Callable
from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DateTimeField, F, Func, QuerySet


def value_rows(queryset: QuerySet, *, datetime_columns: tuple[int, ...] = ()) -> list[tuple]:
    """The rows of `queryset` (a `values_list` of field names) as tuples; `datetime_columns`
    are the indexes of its DateTimeField columns, returned as aware UTC datetimes."""
    compiled = _compile(queryset, datetime_columns)
    if compiled is None:
        return []
    sql, params = compiled
    return _fetch(connections[queryset.db], sql, params, datetime_columns)


_NOTHING = object()  # a shape whose query can match no row
_compiled_shapes: dict[tuple, object] = {}


def shaped_rows(
    name: str,
    build: Callable[..., QuerySet],
    *,
    datetime_columns: tuple[int, ...] = (),
    **values: object,
) -> list[tuple]:
    """`value_rows(build(**values))`, with the query built once per shape: `name`, the
    database, and each value's kind (a list's length). `values` are ints, aware datetimes,
    lists of ints, or None; `build` must use them only as query parameters."""
    connection = connections[DEFAULT_DB_ALIAS]
    shape = (name, connection.alias, *(_kind(key, value) for key, value in sorted(values.items())))
    compiled = _compiled_shapes.get(shape)
    if compiled is None:
        compiled = _compile_shape(connection, build, values, datetime_columns)
        if compiled is None:  # a value went through in a way that cannot be traced back
            return value_rows(build(**values), datetime_columns=datetime_columns)
        _compiled_shapes[shape] = compiled
    if compiled is _NOTHING:
        return []
    sql, places = compiled  # type: ignore[misc]
    adapt = connection.ops.adapt_datetimefield_value
    params = []
    for key, index, adapted in places:
        if not key:  # a constant: kept as compiled
            params.append(adapted)
            continue
        value = values[key] if index is None else values[key][index]  # type: ignore[index]
        params.append(adapt(value) if adapted else value)
    return _fetch(connection, sql, params, datetime_columns)


def _kind(key: str, value: object) -> tuple[str, object]:
    if isinstance(value, list | tuple):
        return key, len(value)
    return key, type(value).__name__


def _compile_shape(connection, build, values, datetime_columns):
    numbers = itertools.count(1)
    stand_ins: dict[str, object] = {}
    places: dict[object, tuple[str, int | None, bool]] = {}

    def stand_in(key: str, index: int | None, value: object) -> object:
        number = next(numbers)
        if isinstance(value, datetime):
            fake: object = datetime(1900 + number, 1, 1, tzinfo=UTC)
            places[connection.ops.adapt_datetimefield_value(fake)] = (key, index, True)
        elif isinstance(value, int) and not isinstance(value, bool):
            fake = -(10**15) - number
        else:
            raise TypeError(f"shaped_rows cannot stand in for {type(value).__name__}")
        places[fake] = (key, index, False)
        return fake

    for key, value in values.items():
        if value is None:
            stand_ins[key] = None
        elif isinstance(value, list | tuple):
            stand_ins[key] = [stand_in(key, index, item) for index, item in enumerate(value)]
        else:
            stand_ins[key] = stand_in(key, None, value)
    compiled = _compile(build(**stand_ins), datetime_columns)
    if compiled is None:
        return _NOTHING
    sql, params = compiled
    traced, used = [], set()
    for param in params:
        try:
            place = places.get(param)
        except TypeError:  # unhashable: not one of ours
            place = None
        if place is None:
            traced.append(("", None, param))  # a constant of the query (a status, say)
        else:
            traced.append(place)
            used.add(place[:2])
    if used != {place[:2] for place in places.values()}:
        return None  # a value was changed on its way into the SQL: cannot be reused
    return sql, traced


def _compile(queryset: QuerySet, datetime_columns: tuple[int, ...]):
    """(sql, params), or None when the query can match nothing."""
    connection = connections[queryset.db]
    if connection.vendor == "sqlite" and datetime_columns:
        names = list(queryset.query.values_select)
        queryset = queryset.values_list(
            *(
                Func(F(name), template="+%(expressions)s", output_field=DateTimeField())
                if index in datetime_columns
                else name
                for index, name in enumerate(names)
            )
        )
    try:
        return queryset.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return None


def _fetch(connection, sql: str, params, datetime_columns: tuple[int, ...]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if connection.vendor != "sqlite" or not datetime_columns:
        return rows
    parse = datetime.fromisoformat
    converted = []
    for row in rows:
        values = list(row)
        for index in datetime_columns:
            if values[index] is not None:
                values[index] = parse(values[index] + "+00:00")  # stored as naive UTC
        converted.append(tuple(values))
    return converted
