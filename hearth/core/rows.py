"""Rows of a `values_list` query as plain tuples, read straight from the database cursor.

Django converts every value of every row through its field converters, and SQLite's driver
parses each datetime once more before that; for thousands of datetimes per request (the
slots API's bookings) that was most of the request. Here the query is compiled by Django as
usual and its rows come back as the driver gives them, with only the named datetime columns
turned into aware UTC datetimes: on SQLite they are read as their stored text (a unary plus
hides the column's declared type from the driver) and parsed in one C call; PostgreSQL's
driver already returns aware datetimes.
"""

from datetime import datetime

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import DateTimeField, F, Func, QuerySet


def value_rows(queryset: QuerySet, *, datetime_columns: tuple[int, ...] = ()) -> list[tuple]:
    """The rows of `queryset` (a `values_list` of field names) as tuples; `datetime_columns`
    are the indexes of its DateTimeField columns, returned as aware UTC datetimes."""
    connection = connections[queryset.db]
    as_text = connection.vendor == "sqlite" and bool(datetime_columns)
    if as_text:
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
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not as_text:
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
