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
  scanning every entry;
* entries whose title matches rank first (``TitleTierMixin``), and the
  first pages are ranked in the index entry table alone (``TopKMixin``);
* inside a search scope the entries matching a text are read once and every
  count of the page is taken from them, and the relaxed search counts terms
  in one pass (``search.backends.matches``).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connections
from django.db.models import BigIntegerField, Case, F, FloatField, Value, When
from django.db.models.functions import Cast

from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .matches import PostgresMatchesMixin, serial_plans
from .segmented import (
    TITLE_LENGTH_SAMPLE,
    NarrowRankingResultsMixin,
    SegmentingIndexerMixin,
    batched,
    has_integer_pk,
    query_string,
    query_variants,
    tsquery_expression,
)

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
        search_fields = model.get_search_fields()
        if not search_fields:
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
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


class SegmentedTsqueryMixin:
    def build_tsquery_content(self, query, config=None, invert=False):
        text = query_string(query)
        if text is None or invert:
            return super().build_tsquery_content(query, config=config, invert=invert)
        self.segmented = True
        # One search builds the tsquery for the filter and each rank
        # expression (five to seven times with title tiers); segment once.
        cache = self.__dict__.setdefault("_variants", {})
        if text not in cache:
            cache[text] = query_variants(text)
        variants = cache[text]
        if not variants:
            # A query with no searchable token matches nothing: the empty
            # tsquery (a quoted empty lexeme '' is a tsquery syntax error).
            return SearchQuery("", search_type="raw", config=config)
        return SearchQuery(tsquery_expression(variants), search_type="raw", config=config)


class TitleTierMixin:
    """Entries whose title alone matches the query rank above all others.

    The score of such an entry is ``TITLE_TIER_BONUS`` plus the title's rank
    (``ts_rank`` times ``title_norm``, as upstream weighs titles); the body
    is not read.  Other entries keep upstream's score, title rank plus body
    rank, always far below the bonus.  Besides being what readers of a
    catalogue expect, this lets ``top_k`` rank the title matches alone from
    the title GIN index when they fill the page, without detoasting the
    body vector of every match.
    """

    TITLE_TIER = True
    #: Far above any other score: ``ts_rank`` is at most about 1.6 per query
    #: lexeme and ``title_norm`` (average title length over this title's)
    #: stays in the tens.
    TITLE_TIER_BONUS = 1000.0

    def title_tier_vector(self, vectors):
        """``(title vector, title boost)`` when title tiers apply, else ``None``."""
        if not self.TITLE_TIER or self.fields is not None or query_string(self.query) is None:
            return None
        return vectors[0]

    def title_tier_score(self, title, config):
        vector, boost = title
        return self.build_tsrank(vector, self.query, config=config) * boost + Value(self.TITLE_TIER_BONUS)

    def title_matches(self, title, config):
        return SearchVectorExact(title[0], self.build_tsquery(self.query, config=config))

    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        title = self.title_tier_vector(vectors)
        if title is None:
            return rank
        return Case(
            When(self.title_matches(title, config), then=self.title_tier_score(title, config)),
            default=rank,
            output_field=FloatField(),
        )


class TopKMixin:
    """Rank inside the index entry table first, then apply the queryset's filters to the best rows.

    Upstream joins every match to the model table (and, for pages, to
    ``wagtailcore_page``) before ordering, so a common word (通知) ranks and
    sorts tens of thousands of joined rows.  ``top_k`` ranks the entries
    alone with the same rank expression and the same order (rank
    descending, then pk descending), tier by tier (see ``TitleTierMixin``):
    the title matches first, through the title GIN index, and the other
    matches only if the title matches do not fill the page.
    """

    #: The order is total (pk breaks ties), so unlike the SQLite top-k no
    #: boundary ties are dropped and a small first attempt suffices.
    TOP_K_MIN_CANDIDATES = 100
    TOP_K_GROWTH = 10
    #: The first attempt fetches this many candidates per result wanted.
    TOP_K_PER_RESULT = 10
    TOP_K_MAX_CANDIDATES = 10_000

    def top_k(self, config, start, stop, bounded=True):
        """``(pk, score)`` rows ``start:stop``, or ``None`` to use ``search()``.

        ``bounded`` (the first pages) gives up past ``TOP_K_MAX_CANDIDATES``;
        otherwise (deep pages, very selective filters) each tier needed is
        read whole, which for a page inside the title tier still never
        ranks a body.
        """
        if not self.order_by_relevance:
            return None
        if bounded and (stop is None or stop > self.TOP_K_MAX_CANDIDATES // 10):
            return None
        if self.fields is not None or query_string(self.query) is None:
            return None
        if not has_integer_pk(self.queryset.model):
            return None
        search_query = self.build_tsquery(self.query, config=config)

        def on_entry(expression):
            if isinstance(expression, F):
                return F(expression.name.removeprefix("index_entries__"))
            return expression

        vectors = [(on_entry(vector), on_entry(boost)) for vector, boost in self.get_index_vectors(search_query)]
        rank_expression = self._build_rank_expression(vectors, config)
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = combined_vector._combine(vector, "||", False)
        entries = IndexEntry._default_manager.using(self.queryset.db).filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )
        matches = entries.annotate(_vector_=combined_vector).filter(_vector_=search_query)
        title = self.title_tier_vector(vectors) if isinstance(self, TitleTierMixin) else None
        if title is None:
            tiers = [matches]
        else:
            # Title matches are found through the title's own GIN index.
            title_matches = self.title_matches(title, config)
            tiers = [entries.filter(title_matches), matches.exclude(title_matches)]
        kept = []
        for tier in tiers:
            ranked = (
                tier.annotate(_score_=rank_expression, _pk_=Cast("object_id", BigIntegerField()))
                .order_by("-_score_", "-_pk_")
                .values_list("_pk_", "_score_")
            )
            rows = self._top_k_tier(ranked, None if stop is None else stop - len(kept), bounded)
            if rows is None:
                return None
            kept.extend(rows)
            if stop is not None and len(kept) >= stop:
                break
        return kept[start or 0 : stop]

    def _top_k_tier(self, ranked, wanted, bounded=True):
        """The best ``wanted`` rows of ``ranked`` that pass the queryset's filters (all if fewer), or ``None``.

        If at least ``wanted`` pass among the first ``limit`` entries, they
        are exactly the tier's first results: every entry not fetched ranks
        below all of them.  Otherwise a larger ``limit`` is tried, and past
        ``TOP_K_MAX_CANDIDATES`` ``None`` sends the caller back to
        ``search()``.  Unbounded, the whole tier is read at once.
        """
        limit = max(self.TOP_K_MIN_CANDIDATES, self.TOP_K_PER_RESULT * wanted) if bounded else None
        while True:
            rows = list(ranked if limit is None else ranked[:limit])
            allowed = {
                pk
                for chunk in batched([pk for pk, _ in rows], 5000)
                for pk in self.queryset.filter(pk__in=chunk).values_list("pk", flat=True)
            }
            kept = [(pk, score) for pk, score in rows if pk in allowed]
            if limit is None or wanted is None:
                return kept if wanted is None else kept[:wanted]
            if len(kept) >= wanted or len(rows) < limit:
                return kept[:wanted]
            if limit >= self.TOP_K_MAX_CANDIDATES:
                return None
            limit = min(limit * self.TOP_K_GROWTH, self.TOP_K_MAX_CANDIDATES)


class SegmentedPostgresSearchQueryCompiler(
    TopKMixin, TitleTierMixin, SegmentedTsqueryMixin, stock.PostgresSearchQueryCompiler
):
    pass


class SegmentedPostgresAutocompleteQueryCompiler(
    TopKMixin, SegmentedTsqueryMixin, stock.PostgresAutocompleteQueryCompiler
):
    pass


class SegmentedPostgresSearchResults(PostgresMatchesMixin, NarrowRankingResultsMixin, stock.PostgresSearchResults):
    entry_model = IndexEntry

    def _do_search(self):
        compiler = self.query_compiler
        config = compiler.get_config(self.backend)
        rows = compiler.top_k(config, self.start, self.stop)
        if rows is None:
            # Deep pages and very selective filters: read whole tiers.
            rows = compiler.top_k(config, self.start, self.stop, bounded=False)
        if rows is None:
            return super()._do_search()
        return self.load_ranked(rows)

    def _do_count(self):
        """Count without parallel workers; inside a search scope, from the matches read once (``scoped_count``).

        For a common word (通知) the planner prefers a parallel sequential
        scan of the index entries, not knowing that evaluating
        ``title || body`` on a row detoasts and concatenates both vectors;
        the GIN index is several times faster (about 1,100 ms against 190 ms
        at 100,000 documents).
        """
        count = self.scoped_count()
        if count is not None:
            return count
        with serial_plans(connections[self.query_compiler.queryset.db]):
            return super()._do_count()


class SegmentedPostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = SegmentedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedPostgresAutocompleteQueryCompiler
    index_class = SegmentedPostgresIndex
    results_class = SegmentedPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"
