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

    def search(self, config, start, stop, score_field=None):
        text = query_string(self.query)
        if text is None:
            return super().search(config, start, stop, score_field=score_field)
        variants = query_variants(text)
        if not variants:
            return self.queryset.none()
        expression = "{" + " ".join(self.FTS_COLUMNS) + "} : (" + fts5_expression(variants) + ")"

        model = self.queryset.model
        fts = SQLiteFTSIndexEntry._meta.db_table
        entry = IndexEntry._meta.db_table
        qn = connections[self.queryset.db].ops.quote_name
        pk = f"{qn(model._meta.db_table)}.{qn(model._meta.pk.column)}"
        ct_pks = ",".join(str(int(pk)) for pk in get_descendants_content_types_pks(model)) or "NULL"
        rank = f"bm25({qn(fts)}, {', '.join(map(str, self.BM25_WEIGHTS))})"
        select = {score_field or "_score": f"-{rank}"}
        queryset = self.queryset.extra(  # noqa: S610 - identifiers from model metadata, user text only as a parameter
            select=select,
            tables=[fts, entry],
            where=[
                f"{qn(fts)} MATCH %s",
                # Unary "+" keeps SQLite from pushing "rowid = ?" into the
                # FTS5 table (entries first, one MATCH per entry: the slow
                # per-row probe); the MATCH must drive the join.
                f"{qn(entry)}.{qn('id')} = +{qn(fts)}.rowid",
                f"{qn(entry)}.{qn('content_type_id')} IN ({ct_pks})",
                f"{pk} = CAST({qn(entry)}.{qn('object_id')} AS INTEGER)",
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


class SegmentedSQLiteSearchBackend(stock.SQLiteSearchBackend):
    query_compiler_class = SegmentedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedSQLiteAutocompleteQueryCompiler
    index_class = SegmentedSQLiteIndex
    results_class = SegmentedSQLiteSearchResults
