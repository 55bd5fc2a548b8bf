"""The embedded search backend (SQLite or PostgreSQL, chosen by the database in use)."""

from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

SearchBackend = DatabaseSearchBackend
