"""The embedded search backend: segmented SQLite FTS5 or PostgreSQL full text.

Like ``modelsearch.backends.database.SearchBackend``, the class is chosen by
the vendor of the default database; other databases (and SQLite builds
without FTS5) get modelsearch's stock backend.
"""

import functools

from django.db import connection

from modelsearch.backends.database import SearchBackend as StockSearchBackend
from modelsearch.backends.database.sqlite.utils import fts5_available

# Asked for each search (modelsearch builds a backend per query); the answer is the
# SQLite library's, fixed for the process, and finding it opens a connection.
_fts5_available = functools.cache(fts5_available)


def SearchBackend(params):
    if connection.vendor == "postgresql":
        # Each vendor's module declares models of its own database only: import just the one in use.
        from .postgres import SegmentedPostgresSearchBackend

        return SegmentedPostgresSearchBackend(params)
    if connection.vendor == "sqlite" and _fts5_available():
        # As above: the SQLite module needs the FTS5 index model, which exists on SQLite only.
        from .sqlite import SegmentedSQLiteSearchBackend

        return SegmentedSQLiteSearchBackend(params)
    return StockSearchBackend(params)
