"""The embedded search backend: segmented SQLite FTS5 or PostgreSQL full text.

Like ``modelsearch.backends.database.SearchBackend``, the class is chosen by
the vendor of the default database; other databases (and SQLite builds
without FTS5) get modelsearch's stock backend.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as StockSearchBackend
from modelsearch.backends.database.sqlite.utils import fts5_available


def SearchBackend(params):
    if connection.vendor == "postgresql":
        # Per vendor: each module loads its vendor's index models, which exist only on that database.
        from .postgres import SegmentedPostgresSearchBackend

        return SegmentedPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and fts5_available():
        # Per vendor: modelsearch's SQLite module looks up the FTS5 model, absent on PostgreSQL.
        from .sqlite import SegmentedSQLiteSearchBackend

        return SegmentedSQLiteSearchBackend(params)
    return StockSearchBackend(params)
