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

import json

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.db import connections
from django.db.models import BigIntegerField, Case, Exists, F, FloatField, OuterRef, Value, When
from django.db.models.functions import Cast

from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.utils import get_descendants_content_types_pks

from .matches import PostgresMatchesMixin, gin_plans
from .postgres_index import SegmentedPostgresIndex
from .segmented import (
    BoundedCountMixin,
    NarrowRankingResultsMixin,
    batched,
    has_integer_pk,
    query_string,
    query_variants,
    tsquery_expression,
)

IndexEntry = stock.IndexEntry


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

        vectors, entries, matches = self._matching_entries(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
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

    def _matching_entries(self, search_query):
        """``(vectors on the entry, entries of this model's types, those matching the query)``."""

        def on_entry(expression):
            if isinstance(expression, F):
                return F(expression.name.removeprefix("index_entries__"))
            return expression

        vectors = [(on_entry(vector), on_entry(boost)) for vector, boost in self.get_index_vectors(search_query)]
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = combined_vector._combine(vector, "||", False)
        entries = IndexEntry._default_manager.using(self.queryset.db).filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )
        return vectors, entries, entries.annotate(_vector_=combined_vector).filter(_vector_=search_query)

    def count_queryset(self, config):
        """The queryset's rows whose entry matches, joined the way indexes can serve, or ``None``.

        Upstream joins ``wagtailcore_page.id::varchar = object_id``: the cast is on the page
        side, so even a word found in one entry hashes all 100,000 pages (35 to 130 ms a
        count, seven counts a results page). Here the matching entries' ids are cast
        instead, and the pages are reached by primary key.
        """
        if self.fields is not None or query_string(self.query) is None or not has_integer_pk(self.queryset.model):
            return None
        _vectors, _entries, matches = self._matching_entries(self.build_tsquery(self.query, config=config))
        # Driven by the matching entries (a bounded count stops after its limit), each
        # checked against the queryset's filters by primary key.
        counted = matches.annotate(_pk_=Cast("object_id", BigIntegerField())).filter(
            Exists(self.queryset.order_by().filter(pk=OuterRef("_pk_")))
        )
        # The planner estimates the entries well (the table's statistics) but not the
        # share passing the filters (a semi-join: half); the entries it is, past the bound.
        counted.estimated_from = matches
        return counted

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


class SegmentedPostgresSearchResults(
    PostgresMatchesMixin, BoundedCountMixin, NarrowRankingResultsMixin, stock.PostgresSearchResults
):
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

    def count_unscoped(self):
        """Count without parallel workers or sequential scans (outside a search scope, or past its bound).

        For a common word (通知) the planner prefers a (parallel) sequential
        scan of the index entries, not knowing that evaluating
        ``title || body`` on a row detoasts and concatenates both vectors;
        the GIN index is several times faster (a bounded count of 住房公积金
        at 100,000 documents: 3 s by sequential scan).
        """
        with gin_plans(connections[self.query_compiler.queryset.db]):
            return super().count_unscoped()

    def get_count_queryset(self):
        compiler = self.query_compiler
        counted = compiler.count_queryset(compiler.get_config(self.backend))
        return counted if counted is not None else self.get_queryset()

    def estimate_count(self, queryset):
        """The planner's estimate of the matches (the GIN statistics of the index entry table).

        Asked only past ``COUNT_EXACT_LIMIT``, that is for common words, whose
        lexemes are in the table's most-common-element statistics, which
        ``update_index`` refreshes with an ``ANALYZE`` after a rebuild.
        """
        plan = json.loads(getattr(queryset, "estimated_from", queryset).explain(format="json"))
        return int(plan[0]["Plan"]["Plan Rows"])


class SegmentedPostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = SegmentedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedPostgresAutocompleteQueryCompiler
    index_class = SegmentedPostgresIndex
    results_class = SegmentedPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("SEARCH_CONFIG") or "simple"
