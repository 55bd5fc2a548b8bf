"""Segmented PostgreSQL full-text backend.

Differences from ``modelsearch.backends.database.postgres``:

* values are segmented before indexing (``SegmentingIndexerMixin``) and the
  text search configuration defaults to ``simple`` (the tokens are already
  words; stemming and English stop words would only damage them);
* a plain-text query becomes a raw ``to_tsquery`` expression over the
  segmented tokens, synonyms included;
* the search app's migration ``0002`` adds an expression GIN index on
  ``title || body`` of the index entry table, the exact expression stock
  modelsearch filters with, so the ``@@`` match uses the index instead of
  scanning every entry.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db.models.sql import InsertQuery

from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.utils import get_content_type_pk

from .segmented import (
    NarrowRankingResultsMixin,
    SegmentingIndexerMixin,
    query_string,
    query_variants,
    tsquery_expression,
)

IndexEntry = stock.IndexEntry


class SegmentingObjectIndexer(SegmentingIndexerMixin, stock.ObjectIndexer):
    pass


class SegmentedPostgresIndex(stock.PostgresIndex):
    indexer_class = SegmentingObjectIndexer

    def add_items(self, model, objs):
        # Copied from PostgresIndex.add_items only to use
        # ``self.indexer_class`` (upstream names the module-level
        # ObjectIndexer directly).  Upstreamable as an ``indexer_class``
        # attribute on the index.
        search_fields = model.get_search_fields()
        if not search_fields:
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows_sql = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append("(%s, %s, {}, {}, {}, 1.0, %s, %s)".format(*vectors_sql))
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows_sql)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                data_params,
            )
        self._refresh_title_norms()


class SegmentedTsqueryMixin:
    def build_tsquery_content(self, query, config=None, invert=False):
        text = query_string(query)
        if text is None or invert:
            return super().build_tsquery_content(query, config=config, invert=invert)
        self.segmented = True
        variants = query_variants(text)
        if not variants:
            # A query with no searchable token matches nothing.
            return SearchQuery("''", search_type="raw", config=config)
        return SearchQuery(tsquery_expression(variants), search_type="raw", config=config)


class SegmentedPostgresSearchQueryCompiler(SegmentedTsqueryMixin, stock.PostgresSearchQueryCompiler):
    pass


class SegmentedPostgresAutocompleteQueryCompiler(SegmentedTsqueryMixin, stock.PostgresAutocompleteQueryCompiler):
    pass


class SegmentedPostgresSearchResults(NarrowRankingResultsMixin, stock.PostgresSearchResults):
    pass


class SegmentedPostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = SegmentedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedPostgresAutocompleteQueryCompiler
    index_class = SegmentedPostgresIndex
    results_class = SegmentedPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"
