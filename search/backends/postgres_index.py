"""The PostgreSQL index writer of the segmented backend (``search.backends.postgres``).

Vectors are built as ready SQL (the expression machinery cost more than segmentation at
100,000 documents) and each batch's title norms are computed from the batch and the
latest entries, so a batch costs the same however large the index has grown.
"""

from __future__ import annotations

from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.utils import get_content_type_pk

from .segmented import TITLE_LENGTH_SAMPLE, SegmentingIndexerMixin, batch_indexers

IndexEntry = stock.IndexEntry


class SegmentingObjectIndexer(SegmentingIndexerMixin, stock.ObjectIndexer):
    def as_vector(self, texts, for_autocomplete=False):
        """``(sql, params)`` of the ``tsvector`` of weighted texts.

        Upstream builds a Django ``SearchVector`` expression per value and
        compiles it per row; at 100,000 documents that expression machinery
        cost more than segmentation.  The SQL is the same
        (``setweight(to_tsvector(config, text), weight) || ...``).
        """
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return "''::tsvector", []
        config = self.autocomplete_config if for_autocomplete else self.config
        sql = " || ".join(["setweight(to_tsvector(%s::regconfig, %s), %s)"] * len(texts))
        params = []
        for text, weight in texts:
            params.extend((config or "simple", text, weight))
        return "(" + sql + ")", params


class SegmentedPostgresIndex(stock.PostgresIndex):
    indexer_class = SegmentingObjectIndexer

    def add_items(self, model, objs):
        # Adapted from PostgresIndex.add_items: uses ``self.indexer_class``
        # (upstream names the module-level ObjectIndexer directly), takes the
        # vectors as ready SQL (see ``SegmentingObjectIndexer.as_vector``) and
        # refreshes the title norms of this batch only.  Upstream's
        # ``_refresh_title_norms()`` updates ``WHERE title_norm = 1.0``, a
        # scan of the whole index table per batch, quadratic over a rebuild.
        indexers = batch_indexers(self, model, objs)
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        table = IndexEntry._meta.db_table
        rows_sql = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for name in ("title", "autocomplete", "body"):
                sql, params = getattr(indexer, name)
                vectors_sql.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append("(%s::integer, %s::text, {}, {}, {}, %s::text, %s::text)".format(*vectors_sql))
        # title_norm = lavg / ld as in PostgresIndex._refresh_title_norms, lavg
        # over this batch and the latest entries (a primary-key range, so each
        # batch costs the same however large the index has grown).
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH v (content_type_id, object_id, title, autocomplete, body, title_text, body_text) AS (
                    VALUES {", ".join(rows_sql)}
                ),
                recent AS (
                    SELECT title FROM {table} ORDER BY id DESC LIMIT {TITLE_LENGTH_SAMPLE}
                ),
                lengths AS (
                    SELECT length(title)::float AS ld FROM recent WHERE length(title) > 0
                    UNION ALL SELECT length(title)::float FROM v WHERE length(title) > 0
                )
                INSERT INTO {table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                SELECT v.content_type_id, v.object_id, v.title, v.autocomplete, v.body,
                       CASE WHEN length(v.title) > 0
                            THEN (SELECT AVG(ld) FROM lengths) / length(v.title) ELSE 1.0 END,
                       v.title_text, v.body_text
                FROM v
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = EXCLUDED.title_norm,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 - identifiers from model metadata, values as parameters
                data_params,
            )

    def _refresh_title_norms(self, full=False):
        """As upstream, but a full refresh only rewrites norms that moved by more than 1%, then analyzes the table.

        Rewriting a row rewrites its entries in all four GIN indexes; after a
        rebuild, whose batches computed their norms with a nearly final
        average, few rows need it.
        """
        if not full:
            return super()._refresh_title_norms(full=False)
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            # The average first, as a constant: inside the UPDATE the planner may
            # join it per row, and with statistics saying the table is empty (an
            # autovacuum ANALYZE during the rebuild's transaction) it rescans the
            # whole table for every row, for hours at 100,000 entries.
            cursor.execute(f"SELECT AVG(length(title))::float FROM {table} WHERE length(title) > 0")  # noqa: S608
            (lavg,) = cursor.fetchone()
            if lavg is None:
                return
            cursor.execute(
                f"""
                UPDATE {table} SET title_norm = %s / length(title)
                WHERE length(title) > 0
                  AND abs(title_norm - %s / length(title)) > 0.01 * %s / length(title)
                """,  # noqa: S608 - identifiers from model metadata
                [lavg, lavg, lavg],
            )
            # A rebuild rewrote the table: without fresh statistics the
            # planner takes a common word (通知, half of all entries) for a
            # rare one and picks plans that take seconds, until autovacuum
            # gets round to the table.
            cursor.execute(f"ANALYZE {table}")
