"""Segmented SQLite FTS5 backend.

Differences from ``modelsearch.backends.database.sqlite``:

* values are segmented before indexing (``SegmentingIndexerMixin``);
* a plain-text query becomes an FTS5 boolean expression over segmented tokens
  (``search.backends.segmented``), synonyms included;
* the query is *FTS-first*: the FTS5 table, filtered by ``MATCH`` and ranked with ``bm25()``, is
  joined to the index entries by rowid and to the model table by primary key.  Stock modelsearch
  filters the model table with ``pk IN (...)`` and annotates each row with a correlated subquery
  that re-runs the ``MATCH`` per row, which takes seconds at 100,000 documents;
* results ordered by relevance are ranked inside FTS5 alone, title matches first
  (``SegmentedSQLiteSearchQueryCompiler.ranked``), and only the page shown is loaded;
* inside a search scope the entries matching a text are read once and every count of the page
  is taken from them, and the relaxed search counts terms in one pass (``search.backends.matches``).
"""

from __future__ import annotations

from django.db import connections

from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .matches import SQLiteMatchesMixin, entry_rows
from .segmented import (
    TITLE_LENGTH_SAMPLE,
    BoundedCountMixin,
    NarrowRankingResultsMixin,
    SegmentingIndexerMixin,
    batch_indexers,
    batched,
    fts5_expression,
    has_integer_pk,
    query_string,
    query_variants,
)

IndexEntry = stock.IndexEntry
SQLiteFTSIndexEntry = stock.SQLiteFTSIndexEntry


class SegmentingObjectIndexer(SegmentingIndexerMixin, stock.ObjectIndexer):
    pass


class SegmentedSQLiteIndex(stock.SQLiteIndex):
    indexer_class = SegmentingObjectIndexer

    def add_items(self, model, objs):
        # Copied from SQLiteIndex.add_items only to use ``self.indexer_class``
        # (upstream names the module-level ObjectIndexer directly); the
        # per-row UPDATE loop is replaced by one bulk_update, and the title
        # norms are written with the entries (see ``_batch_title_norms``).
        indexers = batch_indexers(self, model, objs)
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {ix.id: (ix.title, ix.autocomplete, ix.body) for ix in indexers}
        norms = self._batch_title_norms([title for title, _, _ in data.values()])
        entries_for_ct = self.entries.filter(content_type_id=content_type_pk)
        existing = list(entries_for_ct.filter(object_id__in=data.keys()))
        for entry in existing:
            entry.title, entry.autocomplete, entry.body = data[entry.object_id]
            entry.title_norm = norms(entry.title)
        if existing:
            IndexEntry._default_manager.bulk_update(
                existing, ["title", "autocomplete", "body", "title_norm"], batch_size=500
            )
        indexed_ids = {entry.object_id for entry in existing}
        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                    title_norm=norms(title),
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed_ids
            ],
            batch_size=500,
        )

    def _batch_title_norms(self, titles):
        """``lavg / ld`` for new entries, lavg over these titles and the latest entries.

        Upstream refreshed after every batch with two scans of the whole index (the average, then
        every norm still 1.0): quadratic over an import. A rebuild still ends with the exact refresh.
        """
        recent = self.entries.order_by("-pk").values_list("title", flat=True)[:TITLE_LENGTH_SAMPLE]
        lengths = [len(title) for title in [*recent, *titles] if title]
        lavg = sum(lengths) / len(lengths) if lengths else 1.0
        return lambda title: lavg / len(title) if title else 1.0


class SegmentedSQLiteSearchQueryCompiler(stock.SQLiteSearchQueryCompiler):
    #: FTS5 columns searched (column filter).
    FTS_COLUMNS = ("title", "body")
    #: bm25() weights in FTS5 column order (autocomplete, body, title).
    BM25_WEIGHTS = (0.0, 1.0, 10.0)
    #: Title tier: entries whose title alone matches the query rank above
    #: all others, ordered among themselves by bm25 over their title hits
    #: (these weights) plus ``TITLE_TIER_BONUS``.  ``None`` disables tiers.
    TITLE_BM25_WEIGHTS = (0.0, 0.0, 10.0)
    TITLE_TIER_BONUS = 1_000_000.0

    #: Candidate rows fetched by the first top-k attempt (at least), the
    #: growth factor between attempts and the largest attempt before falling
    #: back to ranking through the model table.
    TOP_K_MIN_CANDIDATES = 200
    TOP_K_GROWTH = 10
    #: The first attempt fetches this many candidates per result wanted.
    TOP_K_PER_RESULT = 20
    #: Rows fetched per attempt, as a multiple of the rows checked first.
    TOP_K_READ_AHEAD = 5
    TOP_K_MAX_CANDIDATES = 10_000

    def match_expressions(self):
        """``(full, title)`` FTS5 ``MATCH`` strings of a plain-text query.

        ``full`` searches ``FTS_COLUMNS``, ``title`` the title column only
        (``None`` without title tiers).  ``("", None)`` if the query has no
        searchable token, ``None`` if it is not plain text.
        """
        if "_match_expressions" not in self.__dict__:
            text = query_string(self.query)
            if text is None:
                self._match_expressions = None
            else:
                variants = query_variants(text)
                if not variants:
                    self._match_expressions = ("", None)
                else:
                    expression = fts5_expression(variants)
                    full = "{" + " ".join(self.FTS_COLUMNS) + "} : (" + expression + ")"
                    title = "{title} : (" + expression + ")" if self.TITLE_BM25_WEIGHTS else None
                    self._match_expressions = (full, title)
        return self._match_expressions

    def match_expression(self):
        """The FTS5 ``MATCH`` string of a plain-text query; ``""`` if it matches nothing, ``None`` if not plain text."""
        expressions = self.match_expressions()
        return None if expressions is None else expressions[0]

    def _fts_table(self):
        return connections[self.queryset.db].ops.quote_name(SQLiteFTSIndexEntry._meta.db_table)

    def _bm25(self, weights):
        return f"bm25({self._fts_table()}, {', '.join(map(str, weights))})"

    def _sql_parts(self):
        model = self.queryset.model
        qn = connections[self.queryset.db].ops.quote_name
        return {
            "fts": self._fts_table(),
            "entry": qn(IndexEntry._meta.db_table),
            "pk": f"{qn(model._meta.db_table)}.{qn(model._meta.pk.column)}",
            "ct_pks": ",".join(str(int(pk)) for pk in get_descendants_content_types_pks(model)) or "NULL",
            "rank": self._bm25(self.BM25_WEIGHTS),
            "qn": qn,
        }

    def search(self, config, start, stop, score_field=None):
        # Used for counts and for orderings other than relevance; results
        # ordered by relevance come from ``ranked()`` (see the results
        # class), except for models without an integer primary key (none
        # here), which get plain bm25 without title tiers.
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

    def ranked(self, start, stop, bounded=True):
        """``(pk, score)`` rows ``start:stop`` by relevance, ranked inside FTS5; ``None`` if not applicable.

        Joining every match to the entries and the model table before
        ordering (as ``search()`` does) sorts tens of thousands of joined
        rows for a common word (通知).  Here the FTS5 table alone ranks, tier
        by tier:

        1. entries whose title matches the whole query (``{title} : ...``),
           by bm25 over the title with ``TITLE_BM25_WEIGHTS``, plus
           ``TITLE_TIER_BONUS``: usually a small part of all matches;
        2. only if they do not fill the page, the other matches, by bm25
           with ``BM25_WEIGHTS``.

        Within a tier only the best rows are fetched (see ``_tier``).  With
        ``bounded`` (the first pages), ``None`` past ``TOP_K_MAX_CANDIDATES``
        candidates sends the caller back to ``search()``; otherwise every
        row of a tier may be fetched (deep pages, very selective filters).
        """
        if not self.order_by_relevance:
            return None
        if bounded and (stop is None or stop > self.TOP_K_MAX_CANDIDATES // 10):
            return None
        if not has_integer_pk(self.queryset.model):
            return None
        expressions = self.match_expressions()
        if expressions is None:
            return None
        self.segmented = True
        expression, title_expression = expressions
        if not expression:
            return []
        fts = self._fts_table()
        sql = f"SELECT rowid, {{score}} AS score FROM {fts} WHERE {fts} MATCH %s ORDER BY score DESC LIMIT %s"  # noqa: S608
        kept = []
        title_rowids = set()
        if title_expression:
            rows, title_rowids = self._tier(
                sql.format(score=f"{self.TITLE_TIER_BONUS} - {self._bm25(self.TITLE_BM25_WEIGHTS)}"),
                title_expression,
                stop,
                bounded,
            )
            if rows is None:
                return None
            kept.extend(rows)
        if stop is None or len(kept) < stop:
            # Tier 1 was read to its end (else it would have filled the
            # page); its rowids are skipped here.
            rows, _ = self._tier(
                sql.format(score=f"-{self._bm25(self.BM25_WEIGHTS)}"),
                expression,
                None if stop is None else stop - len(kept),
                bounded,
                skip=title_rowids,
            )
            if rows is None:
                return None
            kept.extend(rows)
        return kept[start or 0 : stop]

    def _tier(self, sql, expression, wanted, bounded, skip=frozenset()):
        """``(rows, rowids)``: the best ``wanted`` ``(pk, score)`` rows of one tier and the FTS rowids read.

        ``sql`` yields ``(rowid, score)`` of FTS5 rows, best first, and takes
        the ``MATCH`` expression and a ``LIMIT``.  Only rows read are looked
        up in the index entries (content type) and the queryset (its own
        filters: live, a section, an organisation), and a window of them at
        a time: the first ``limit`` rows, then all rows fetched, which are
        ``TOP_K_READ_AHEAD`` times more (ranking costs the same for any
        ``LIMIT``, so a filter that keeps few rows does not rank twice).
        Rows tied with the last row of a window are left out of it, since
        the cut went through their tie arbitrarily; every row outside the
        window then ranks below every row kept.  Kept rows are sorted score
        descending, then pk descending, so if at least ``wanted`` survive
        they are exactly the tier's first results.  Otherwise more rows are
        read; past ``TOP_K_MAX_CANDIDATES`` a bounded call gives ``(None,
        None)``, an unbounded one reads the whole tier.  ``wanted=None``
        reads the whole tier.
        """
        content_types = set(get_descendants_content_types_pks(self.queryset.model))
        connection = connections[self.queryset.db]
        cap = self.TOP_K_MAX_CANDIDATES + len(skip)
        # -1: no limit.  An unbounded call follows a bounded one that gave
        # up, so it reads the whole tier at once.
        limit = (
            -1
            if wanted is None or not bounded
            else min(max(self.TOP_K_MIN_CANDIDATES, self.TOP_K_PER_RESULT * wanted) + len(skip), cap)
        )
        passed = {}  # rowid -> (pk, score) of rows that pass; rows checked and refused are in ``refused``
        refused = set()
        while True:
            fetch = -1 if limit < 0 else min(limit * self.TOP_K_READ_AHEAD, cap)
            with connection.cursor() as cursor:
                cursor.execute(sql, [expression, fetch])
                fetched = cursor.fetchall()
            exhausted = fetch < 0 or len(fetched) < fetch
            for window in dict.fromkeys((limit, fetch)):
                rows = fetched if window < 0 else fetched[:window]
                complete = exhausted and len(rows) == len(fetched)
                if not complete and rows:
                    boundary = rows[-1][1]
                    rows = [row for row in rows if row[1] > boundary]
                new = {
                    rowid: score
                    for rowid, score in rows
                    if rowid not in skip and rowid not in passed and rowid not in refused
                }
                self._check_rows(new, content_types, passed, refused)
                kept = sorted(
                    (passed[rowid] for rowid, _ in rows if rowid in passed),
                    key=lambda row: (-row[1], -row[0]),
                )
                if wanted is None or len(kept) >= wanted or complete:
                    return (kept if wanted is None else kept[:wanted]), {rowid for rowid, _ in fetched}
            if fetch >= cap:
                if bounded:
                    return None, None
                limit = -1
            else:
                limit = fetch

    def _check_rows(self, scores, content_types, passed, refused):
        """Sort FTS rowids (``{rowid: score}``) into ``passed`` (``rowid -> (pk, score)``) and ``refused``."""
        candidates = {}
        # Content types are checked here, not in SQL: given both, SQLite walks
        # the content type index (every entry of the model).
        for entry_id, content_type_id, object_id in entry_rows(IndexEntry, self.queryset.db, scores):
            if content_type_id in content_types:
                candidates[int(object_id)] = entry_id
        allowed = {
            pk
            for chunk in batched(candidates, 5000)
            for pk in self.queryset.filter(pk__in=chunk).values_list("pk", flat=True)
        }
        for pk, rowid in candidates.items():
            if pk in allowed:
                passed[rowid] = (pk, scores[rowid])
        refused.update(rowid for rowid in scores if rowid not in passed)


class SegmentedSQLiteAutocompleteQueryCompiler(SegmentedSQLiteSearchQueryCompiler):
    LAST_TERM_IS_PREFIX = True
    TARGET_SEARCH_FIELD_TYPE = stock.AutocompleteField
    FTS_TABLE_FIELDS = ["autocomplete"]
    FTS_COLUMNS = ("autocomplete",)
    BM25_WEIGHTS = (1.0, 0.0, 0.0)
    TITLE_BM25_WEIGHTS = None

    get_config = stock.SQLiteAutocompleteQueryCompiler.get_config
    get_search_fields_for_model = stock.SQLiteAutocompleteQueryCompiler.get_search_fields_for_model
    get_index_vectors = stock.SQLiteAutocompleteQueryCompiler.get_index_vectors


class SegmentedSQLiteSearchResults(
    SQLiteMatchesMixin, BoundedCountMixin, NarrowRankingResultsMixin, stock.SQLiteSearchResults
):
    entry_model = IndexEntry
    #: Past the exact limit, every this-many-th FTS row is joined and counted.
    COUNT_SAMPLE_MODULUS = 8

    def narrow_score_name(self):
        return self.query_compiler.segmented_score

    def estimate_count(self, queryset):
        """The matches among every ``COUNT_SAMPLE_MODULUS``-th FTS row (in indexing order, not by type), scaled up.

        FTS5 walks its doclist cheaply; joining each match to the entry, page and model tables costs.
        """
        if not getattr(self.query_compiler, "segmented", False):
            return None
        fts = self.query_compiler._fts_table()
        modulus = self.COUNT_SAMPLE_MODULUS
        sampled = queryset.extra(where=[f"{fts}.rowid %% {modulus} = 0"]).count()  # noqa: S610 - no user input
        return sampled * modulus

    def _do_search(self):
        compiler = self.query_compiler
        rows = compiler.ranked(self.start, self.stop)
        if rows is None:
            # Deep pages and very selective filters: rank every match.
            rows = compiler.ranked(self.start, self.stop, bounded=False)
        if rows is None:
            return super()._do_search()
        return self.load_ranked(rows)


class SegmentedSQLiteSearchBackend(stock.SQLiteSearchBackend):
    query_compiler_class = SegmentedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedSQLiteAutocompleteQueryCompiler
    index_class = SegmentedSQLiteIndex
    results_class = SegmentedSQLiteSearchResults
