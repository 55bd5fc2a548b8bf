"""``update_index``: modelsearch's command, reading each model in primary-key ranges.

modelsearch reads chunk *n* with ``OFFSET n * chunk_size``, which the database answers by
stepping over every earlier row: on SQLite, a chunk of 1,000 policy documents took 0.3 s at the
start of a 100,000-document table and 2-3 s at its end, so reading alone grew with the square
of the table. Each chunk here starts after the last primary key of the one before (the
queryset is ordered by it), so every chunk costs the same. A row added or deleted during the
rebuild cannot shift the later chunks either, so no transaction has to hold them still.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import DEFAULT_CHUNK_SIZE
from modelsearch.management.commands.rebuild_modelsearch_index import Command as ModelsearchCommand


class Command(ModelsearchCommand):
    help = "Rebuild the search indexes of every configured backend (or --backend), chunk by chunk."

    def queryset_chunks(self, qs, chunk_size=DEFAULT_CHUNK_SIZE):
        """Lists of at most ``chunk_size`` objects of ``qs`` (ordered by primary key), in order."""
        chunk = list(qs[:chunk_size])
        while chunk:
            yield chunk
            chunk = list(qs.filter(pk__gt=chunk[-1].pk)[:chunk_size])
