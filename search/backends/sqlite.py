"""Segmented SQLite FTS5 backend.

Differences from ``modelsearch.backends.database.sqlite``:

* values are segmented before indexing (``SegmentingIndexerMixin``);
* a plain-text query becomes an FTS5 boolean expression over segmented
  tokens (``search.backends.segmented``), synonyms included;
* the query is *FTS-first*: the FTS5 table, filtered by ``MATCH`` and ranked
  with ``bm25()``, is joined to the index entries by rowid and to the model
  table by primary key.  Stock modelsearch filters the model table with
  ``pk IN (...)`` and annotates each row with a correlated subquery that
  re-runs the ``MATCH`` per row, which takes seconds at 100,000 documents.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import IntegerField

from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .segmented import NarrowRankingResultsMixin, SegmentingIndexerMixin, fts5_expression, query_string, query_variants

IndexEntry = stock.IndexEntry
SQLiteFTSIndexEntry = stock.SQLiteFTSIndexEntry


class SegmentingObjectIndexer(SegmentingIndexerMixin, stock.ObjectIndexer):
    pass


class SegmentedSQLiteIndex(stock.SQLiteIndex):
    indexer_class = SegmentingObjectIndexer

    def add_items(self, model, objs):
        # Copied from SQLiteIndex.add_items only to use ``self.indexer_class``
        # (upstream names the module-level ObjectIndexer directly); the
        # per-row UPDATE loop is replaced by one bulk_update.
        search_fields = model.get_search_fields()
        if not search_fields:
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {ix.id: (ix.title, ix.autocomplete, ix.body) for ix in indexers}
        entries_for_ct = self.entries.filter(content_type_id=content_type_pk)
        existing = list(entries_for_ct.filter(object_id__in=data.keys()))
        for entry in existing:
            entry.title, entry.autocomplete, entry.body = data[entry.object_id]
        if existing:
            IndexEntry._default_manager.bulk_update(existing, ["title", "autocomplete", "body"], batch_size=500)
        indexed_ids = {entry.object_id for entry in existing}
        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed_ids
            ],
            batch_size=500,
        )
        self._refresh_title_norms()


class SegmentedSQLiteSearchQueryCompiler(stock.SQLiteSearchQueryCompiler):
    #: FTS5 columns searched (column filter).
    FTS_COLUMNS = ("title", "body")
    #: bm25() weights in FTS5 column order (autocomplete, body, title).
    BM25_WEIGHTS = (0.0, 1.0, 10.0)

    #: Candidate rows fetched by the first top-k attempt (at least), the
    #: growth factor between attempts and the largest attempt before falling
    #: back to ranking through the model table.
    TOP_K_MIN_CANDIDATES = 200
    TOP_K_GROWTH = 10
    TOP_K_MAX_CANDIDATES = 10_000

    def match_expression(self):
        """The FTS5 ``MATCH`` string of a plain-text query; ``""`` if it matches nothing, ``None`` if not plain text."""
        text = query_string(self.query)
        if text is None:
            return None
        variants = query_variants(text)
        if not variants:
            return ""
        return "{" + " ".join(self.FTS_COLUMNS) + "} : (" + fts5_expression(variants) + ")"

    def _sql_parts(self):
        model = self.queryset.model
        qn = connections[self.queryset.db].ops.quote_name
        return {
            "fts": qn(SQLiteFTSIndexEntry._meta.db_table),
            "entry": qn(IndexEntry._meta.db_table),
            "pk": f"{qn(model._meta.db_table)}.{qn(model._meta.pk.column)}",
            "ct_pks": ",".join(str(int(pk)) for pk in get_descendants_content_types_pks(model)) or "NULL",
            "rank": f"bm25({qn(SQLiteFTSIndexEntry._meta.db_table)}, {', '.join(map(str, self.BM25_WEIGHTS))})",
            "qn": qn,
        }

    def search(self, config, start, stop, score_field=None):
        expression = self.match_expression()
        if expression is None:
            return super().search(config, start, stop, score_field=score_field)
        if not expression:
            return self.queryset.none()
        parts = self._sql_parts()
        fts, entry, qn = parts["fts"], parts["entry"], parts["qn"]
        select = {score_field or "_score": f"-{parts['rank']}"}
        queryset = self.queryset.extra(  # noqa: S610 - identifiers from model metadata, user text only as a parameter
            select=select,
            tables=[SQLiteFTSIndexEntry._meta.db_table, IndexEntry._meta.db_table],
            where=[
                f"{fts} MATCH %s",
                # Unary "+" keeps SQLite from pushing "rowid = ?" into the
                # FTS5 table (entries first, one MATCH per entry: the slow
                # per-row probe); the MATCH must drive the join.
                f"{entry}.{qn('id')} = +{fts}.rowid",
                f"{entry}.{qn('content_type_id')} IN ({parts['ct_pks']})",
                f"{parts['pk']} = CAST({entry}.{qn('object_id')} AS INTEGER)",
            ],
            params=[expression],
        )
        self.segmented = True
        self.segmented_score = score_field or "_score"
        if self.order_by_relevance:
            queryset = queryset.order_by(f"-{score_field or '_score'}", "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]

    def top_k(self, start, stop):
        """``(pk, score)`` rows ``start:stop`` ranked inside FTS5, or ``None`` to use ``search()``.

        ``search()`` joins every match to the entries and the model table
        before ordering, so a common word (通知) sorts tens of thousands of
        joined rows.  Here the FTS5 table alone gives its best ``limit``
        rows by bm25 (``ORDER BY ... LIMIT``, no join); only those are looked
        up in the index entries (content type) and the queryset (its own
        filters: live, a section, a type).  Candidates tied with the last
        row's score are dropped, since FTS5 cut that tie arbitrarily; every
        match not fetched then ranks below every candidate kept.  Kept rows
        are sorted like ``search()`` (score descending, then pk descending),
        so if at least ``stop`` survive they are exactly the first ``stop``
        results of ``search()``.  Otherwise a larger ``limit`` is tried, and
        past ``TOP_K_MAX_CANDIDATES`` ``None`` sends the caller back to
        ``search()``.
        """
        if not self.order_by_relevance or stop is None or stop > self.TOP_K_MAX_CANDIDATES // 10:
            return None
        pk_field = self.queryset.model._meta.pk
        while pk_field.is_relation:  # multi-table inheritance: page_ptr -> Page.id
            pk_field = pk_field.target_field
        if not isinstance(pk_field, IntegerField):
            return None
        expression = self.match_expression()
        if expression is None:
            return None
        self.segmented = True
        if not expression:
            return []
        parts = self._sql_parts()
        fts = parts["fts"]
        sql = (
            f"SELECT rowid, -{parts['rank']} AS score FROM {fts} "  # noqa: S608 - identifiers from model metadata
            f"WHERE {fts} MATCH %s ORDER BY score DESC LIMIT %s"
        )
        content_types = set(get_descendants_content_types_pks(self.queryset.model))
        connection = connections[self.queryset.db]
        limit = max(self.TOP_K_MIN_CANDIDATES, 20 * stop)
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, [expression, limit])
                rows = cursor.fetchall()
            exhausted = len(rows) < limit
            if not exhausted:
                boundary = rows[-1][1]
                rows = [row for row in rows if row[1] > boundary]
            scores = dict(rows)
            # Content types are checked here, not in SQL: given both, SQLite
            # walks the content type index (every entry of the model).
            candidates = {
                int(object_id): scores[entry_id]
                for entry_id, content_type_id, object_id in IndexEntry._default_manager.using(self.queryset.db)
                .filter(id__in=list(scores))
                .values_list("id", "content_type_id", "object_id")
                if content_type_id in content_types
            }
            allowed = self.queryset.filter(pk__in=list(candidates)).values_list("pk", flat=True)
            kept = sorted(((pk, candidates[pk]) for pk in allowed), key=lambda row: (-row[1], -row[0]))
            if len(kept) >= stop or exhausted:
                return kept[start or 0 : stop]
            if limit >= self.TOP_K_MAX_CANDIDATES:
                return None
            limit = min(limit * self.TOP_K_GROWTH, self.TOP_K_MAX_CANDIDATES)


class SegmentedSQLiteAutocompleteQueryCompiler(SegmentedSQLiteSearchQueryCompiler):
    LAST_TERM_IS_PREFIX = True
    TARGET_SEARCH_FIELD_TYPE = stock.AutocompleteField
    FTS_TABLE_FIELDS = ["autocomplete"]
    FTS_COLUMNS = ("autocomplete",)
    BM25_WEIGHTS = (1.0, 0.0, 0.0)

    get_config = stock.SQLiteAutocompleteQueryCompiler.get_config
    get_search_fields_for_model = stock.SQLiteAutocompleteQueryCompiler.get_search_fields_for_model
    get_index_vectors = stock.SQLiteAutocompleteQueryCompiler.get_index_vectors


class SegmentedSQLiteSearchResults(NarrowRankingResultsMixin, stock.SQLiteSearchResults):
    def narrow_score_name(self):
        return self.query_compiler.segmented_score

    def _do_search(self):
        rows = self.query_compiler.top_k(self.start, self.stop)
        if rows is None:
            return super()._do_search()
        return self.load_ranked(rows)


class SegmentedSQLiteSearchBackend(stock.SQLiteSearchBackend):
    query_compiler_class = SegmentedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedSQLiteAutocompleteQueryCompiler
    index_class = SegmentedSQLiteIndex
    results_class = SegmentedSQLiteSearchResults
