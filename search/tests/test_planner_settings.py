"""PostgreSQL planner settings of the match reads: in force for their statement only, in one round trip."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

import pytest

from search.backends.matches import execute_with_gin_plans

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner settings"),
]

PROBE = "SELECT current_setting('enable_seqscan'), current_setting('max_parallel_workers_per_gather'), %s"


def settings_now():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('max_parallel_workers_per_gather')")
        return cursor.fetchone()


def test_inside_a_transaction_the_settings_come_back():
    with transaction.atomic():
        before = settings_now()
        assert before[0] == "on"
        with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
            execute_with_gin_plans(cursor, PROBE, [42])
            assert cursor.fetchall() == [("off", "0", 42)]
        assert len(queries) <= 2  # the batch, and once per connection the session's values
        assert settings_now() == before
        with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
            execute_with_gin_plans(cursor, PROBE, [7])
            assert cursor.fetchall() == [("off", "0", 7)]
        assert len(queries) == 1
        assert settings_now() == before


def test_outside_a_transaction_they_end_with_the_batch():
    before = settings_now()
    with connection.cursor() as cursor:
        execute_with_gin_plans(cursor, PROBE, [1])
        assert cursor.fetchall() == [("off", "0", 1)]
    assert settings_now() == before
