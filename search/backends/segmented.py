"""Glue shared by the segmented database backends (SQLite and PostgreSQL).

modelsearch's database backends index the raw field text; their tokenisers
treat a run of Han characters as a single token.  The two pieces here make
them work for Chinese without touching their SQL:

* ``SegmentingIndexerMixin`` is mixed into each backend's ``ObjectIndexer``
  and turns every indexed value into ``search.text.index_text`` (segmented
  words, character bigrams, compact 文号 / 索引号 tokens) before the backend
  writes it.
* ``query_variants`` turns a user's query into ``QueryTerms`` (one per
  synonym variant); each backend renders them as its own boolean full-text
  expression (FTS5 ``MATCH`` or a raw ``tsquery``).

Inside a search scope (``search.scope``) the synonym variants of a text are
worked out once.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from itertools import islice

from django.contrib.contenttypes.models import ContentType

from modelsearch.index import RelatedFields
from modelsearch.query import Phrase, PlainText

from search.scope import scoped
from search.synonyms import current_synonyms
from search.text import QueryTerms, expand_query_synonyms, index_text, segment_for_query

#: Upper bound on OR-ed synonym variants of one query.
MAX_VARIANTS = 8

#: How many of the latest index entries estimate the average title length for a new batch's
#: title norms (``lavg / ld``).  The whole table's average would cost a scan of the index per
#: batch, which makes an import or rebuild quadratic; a rebuild ends with one exact refresh.
TITLE_LENGTH_SAMPLE = 2000


class SegmentingIndexerMixin:
    """Segment every value an ``ObjectIndexer`` yields for the index.

    modelsearch's ``prepare_field`` yields ``(field, value)`` (SQLite) or
    ``(field, boost, value)`` (PostgreSQL) and recurses through
    ``RelatedFields`` by calling ``self.prepare_field``; only leaves are
    segmented so that no value is segmented twice.
    """

    def prepare_field(self, obj, field):
        # modelsearch's title / body / autocomplete properties each walk every
        # search field, so each value would be fetched and segmented three
        # times; remember the prepared values per (object, field).
        cache = self.__dict__.setdefault("_prepared", {})
        key = (id(obj), id(field))
        if key not in cache:
            cache[key] = list(self._prepare_field_uncached(obj, field))
        yield from cache[key]

    def _prepare_field_uncached(self, obj, field):
        if isinstance(field, RelatedFields):
            yield from super().prepare_field(obj, field)
            return
        for item in super().prepare_field(obj, field):
            yield (*item[:-1], index_text(item[-1]))


def batched(iterable, size):
    """Tuples of ``size`` items (the last may be shorter); ``itertools.batched`` from Python 3.12."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def has_integer_pk(model) -> bool:
    """Whether ``model``'s primary key is an integer (through multi-table inheritance: page_ptr -> Page.id)."""
    from django.db.models import IntegerField

    pk_field = model._meta.pk
    while pk_field.is_relation:
        pk_field = pk_field.target_field
    return isinstance(pk_field, IntegerField)


def query_string(query) -> str | None:
    """The user text of a ``PlainText`` / ``Phrase`` query, else ``None``."""
    if isinstance(query, (PlainText, Phrase)):
        return query.query_string
    return None


def query_variants(text: str) -> list[QueryTerms]:
    """``QueryTerms`` of the query and of its synonym variants (non-empty); once per text in a search scope."""
    return scoped(("variants", text), lambda: _query_variants(text))


def _query_variants(text: str) -> list[QueryTerms]:
    variants = expand_query_synonyms(text, current_synonyms(), max_variants=MAX_VARIANTS) or []
    result: list[QueryTerms] = []
    for variant in variants:
        terms = segment_for_query(variant)
        if terms and terms not in result:
            result.append(terms)
    return result


def render_boolean(
    variants: list[QueryTerms],
    quote,
    and_op: str,
    or_op: str,
) -> str:
    """Render variants as ``(v1) OR (v2)``; each is an AND of OR-groups."""

    def alternative(alt):
        if len(alt) == 1:
            return quote(alt[0])
        return "(" + f" {and_op} ".join(map(quote, alt)) + ")"

    def group(grp):
        if len(grp) == 1:
            return alternative(grp[0])
        return "(" + f" {or_op} ".join(map(alternative, grp)) + ")"

    rendered = ["(" + f" {and_op} ".join(map(group, terms.groups)) + ")" for terms in variants]
    return f" {or_op} ".join(rendered)


def fts5_quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def tsquery_quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def fts5_expression(variants: list[QueryTerms]) -> str:
    """An FTS5 ``MATCH`` expression (tokens quoted, so never FTS5 syntax)."""
    return render_boolean(variants, fts5_quote, "AND", "OR")


def tsquery_expression(variants: list[QueryTerms]) -> str:
    """A ``to_tsquery`` string (tokens quoted lexemes)."""
    return render_boolean(variants, tsquery_quote, "&", "|")


class EstimatedCount(int):
    """A count past ``BoundedCountMixin.COUNT_EXACT_LIMIT``: an estimate, shown as such (约 5.3 万条)."""

    estimated = True


class BoundedCountMixin:
    """Counts that cost the same for 通知 (half the catalogue) as for a rare word.

    The results page shows a total and a count per type: counting every
    match of a common word joins tens of thousands of rows, six or seven
    times a page.  Up to ``COUNT_EXACT_LIMIT`` matches are counted exactly
    (a ``LIMIT`` subquery stops there); past it ``estimate_count`` gives an
    :class:`EstimatedCount`, as large search engines show 约 5 万条.
    """

    COUNT_EXACT_LIMIT = 1000

    def get_count_queryset(self):
        return self.get_queryset()

    def _do_count(self):
        source = self.get_count_queryset()
        # The slice of these results (results[3:]) is applied below, to the total.
        unsliced = source.all()
        unsliced.query.clear_limits()
        if hasattr(source, "estimated_from"):
            unsliced.estimated_from = source.estimated_from
        queryset = unsliced.order_by()
        found = queryset[: self.COUNT_EXACT_LIMIT + 1].count()
        if found <= self.COUNT_EXACT_LIMIT:
            return self._sliced(found)
        estimate = self.estimate_count(unsliced)
        if estimate is None:
            return self._sliced(queryset.count())
        return EstimatedCount(self._sliced(max(found, estimate)))

    def _sliced(self, total: int) -> int:
        """How many of ``total`` matches fall in these results' slice (``results[3:]``)."""
        start = self.start or 0
        count = max(0, total - start)
        return min(count, self.stop - start) if self.stop is not None else count

    def estimate_count(self, queryset) -> int | None:
        """An estimate of ``queryset.count()`` (more than ``COUNT_EXACT_LIMIT``), or ``None`` to count exactly."""
        return None


def batch_indexers(index, model, objs) -> list:
    """The index's indexers (``index.indexer_class``) of a batch of ``objs``; none if ``model`` has no search fields."""
    if not model.get_search_fields():
        return []
    return [index.indexer_class(obj, index.backend) for obj in objs]


class RankedObjects(Sequence):
    """Objects already in hand (``head``), then ranked ``(pk, score)`` rows loaded a slice at a time.

    The relaxed search ranks up to a hundred pages and the results page shows ten:
    loading every page (its StreamField body included) cost more than ranking them.
    ``kinds`` gives each item's class and tree path in one narrow query, for the facets.
    """

    def __init__(self, results, rows, head=()):
        self._load = results.load_ranked
        self._queryset = results.query_compiler.queryset
        self.rows = list(rows)
        self.head = list(head)

    def prefixed(self, head) -> RankedObjects:
        """These objects after ``head`` (objects in hand)."""
        joined = copy.copy(self)
        joined.head = [*head, *self.head]
        return joined

    def __len__(self):
        return len(self.head) + len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            positions = range(len(self))[index]
            if index.step not in (None, 1):
                return [self[i] for i in positions]
            if not positions:
                return []
            start, stop, n = positions.start, positions.stop, len(self.head)
            return self.head[start:stop] + self._load(self.rows[max(start - n, 0) : max(stop - n, 0)])
        position = range(len(self))[index]  # IndexError out of range
        return self[position : position + 1][0]

    def __iter__(self):
        return iter(self[:])

    def kinds(self) -> list[tuple[type, str]]:
        """``(class, tree path)`` of every item, in order (one query for the rows not loaded)."""
        pks = [pk for pk, _score in self.rows]
        found = (
            {
                pk: (ContentType.objects.get_for_id(content_type_id).model_class(), path)
                for pk, content_type_id, path in self._queryset.filter(pk__in=pks).values_list(
                    "pk", "content_type_id", "path"
                )
            }
            if pks
            else {}
        )
        head = [
            (page.specific_class if hasattr(page, "specific_class") else type(page), page.path) for page in self.head
        ]
        return head + [found[pk] for pk in pks if pk in found]


class NarrowRankingResultsMixin:
    """Rank narrow ``(pk, score)`` rows, then load only the page of objects.

    Ordering every match by relevance with all of its columns (StreamField
    bodies included) is what makes a first page slow on large result sets;
    the database sorts primary keys instead and one more query fetches the
    ten objects shown.
    """

    def narrow_score_name(self):
        return self._score_field

    def _do_search(self):
        queryset = self.get_queryset()
        if not self.query_compiler.order_by_relevance or getattr(self.query_compiler, "segmented", False) is False:
            return list(queryset)
        score = self.narrow_score_name()
        rows = list(
            queryset.values_list("pk", score) if score else ((pk, None) for pk in queryset.values_list("pk", flat=True))
        )
        return self.load_ranked(rows)

    def load_ranked(self, rows):
        """The objects of ranked ``(pk, score)`` rows, in order, with the score attribute set."""
        queryset = self.query_compiler.queryset
        objects = {
            obj.pk: obj for chunk in batched([pk for pk, _ in rows], 5000) for obj in queryset.filter(pk__in=chunk)
        }
        results = []
        for pk, value in rows:
            obj = objects.get(pk)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, value)
                results.append(obj)
        return results
