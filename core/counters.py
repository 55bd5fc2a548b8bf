"""Atomic fixed-window counters for the public rate limits, shared by every app server.

The check and the increment are one statement per key (``INSERT ... ON
CONFLICT DO UPDATE ... RETURNING``, PostgreSQL and SQLite alike) inside one
transaction: the row lock makes simultaneous requests take turns, so no more
than the limit get through, and a refused request is rolled back and not
counted.  The table is any model with ``key``, ``window_start`` and
``count`` fields and a unique constraint on (key, window_start).
"""

from django.db import connection, transaction


def _increment(model, key, window_start):
    table = connection.ops.quote_name(model._meta.db_table)
    key_column, window_column, count_column = (
        connection.ops.quote_name(name) for name in ("key", "window_start", "count")
    )
    sql = (
        f"INSERT INTO {table} ({key_column}, {window_column}, {count_column}) VALUES (%s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({key_column}, {window_column}) DO UPDATE SET {count_column} = {table}.{count_column} + 1 "
        f"RETURNING {count_column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, connection.ops.adapt_datetimefield_value(window_start)])
        return cursor.fetchone()[0]


def consume(model, keys, window_start, limit):
    """Count one hit on every key, unless that takes one over ``limit``: then count nothing.

    Returns the keys that were over the limit (empty: the request may go ahead).
    """
    if len(keys) == 1:
        # One key needs no transaction: a refused request is counted, but its key is
        # over the limit already and stays refused until the window ends.
        return list(keys) if _increment(model, keys[0], window_start) > limit else []
    over = []
    with transaction.atomic():
        for key in keys:
            if _increment(model, key, window_start) > limit:
                over.append(key)
        if over:
            transaction.set_rollback(True)
    return over
