"""The embedded search backend: segmented SQLite FTS5 or PostgreSQL full text.

Like ``modelsearch.backends.database.SearchBackend``, the class is chosen by
the vendor of the default database; other databases (and SQLite builds
without FTS5) get modelsearch's stock backend.
"""

from django.db import connection

from modelsearch.backends.database import SearchBackend as StockSearchBackend
from modelsearch.backends.database.sqlite.utils import fts5_available

from .postgres import SegmentedPostgresSearchBackend


def SearchBackend(params):
    if connection.vendor == "postgresql":
        return SegmentedPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and fts5_available():
        # Imported only on SQLite: modelsearch's FTS5 model is registered only when the database is SQLite.
        from .sqlite import SegmentedSQLiteSearchBackend

        return SegmentedSQLiteSearchBackend(params)
    return StockSearchBackend(params)
