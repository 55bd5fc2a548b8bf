"""Site search: what a query finds, by type and filters, in what order (the pages of each type: ``search.pages``).

Used by the public view and by ``bench/relevance.py`` so both measure the
same thing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from modelsearch.query import PlainText
from wagtail.models import PageViewRestriction, get_page_models

from core.cached import CachedRows
from disclosure.models import AnnualReportPage, InterpretationPage, PolicyDocumentPage
from home.models import NewsPage
from search.backends.matches import pk_list
from search.pages import (
    apply_filters,
    base_queryset,
    column_pages,
    consultation_model,
    content_pages,
    live_public,
    news_index_paths,
    type_of,
    type_of_model,
)
from search.scope import scoped, search_scope
from search.synonyms import current_synonyms
from search.text import normalise, segment_for_query
from search.text.analysis import QueryAnalysis, parse_document_number
from search.text.analysis import analyse as analyse_text

# A 文号: 机关代字 + 〔year〕 (any bracket, folded by normalise) + number + 号.
DOCNUM_RE = re.compile(r"^\s*([\u4e00-\u9fff]{1,12})\s*[〔(]\s*(\d{4})\s*[〕)]\s*第?\s*0*(\d{1,6})\s*号\s*$")
# An index number: 18-character unit code / year - serial.
INDEX_NUMBER_RE = re.compile(r"^\s*[0-9a-z]{18}\s*/\s*\d{4}\s*-\s*\d{1,8}\s*$", re.IGNORECASE)

TYPE_LABELS = {
    "policy": "政府文件",
    "interpretation": "政策解读",
    "consultation": "意见征集",
    "news": "新闻",
    "notice": "通知公告",
    "report": "年度报告",
}


def analyse(query: str) -> QueryAnalysis:
    """``search.text.analysis.analyse`` with the synonym terms in force kept whole (once per search scope)."""
    return scoped(("analysis", query), lambda: analyse_text(query, protected=current_synonyms()))


class CuedText(PlainText):
    """A plain-text query with the answer cues of its question words (``QueryAnalysis.cues``).

    Every backend searches it as the ``PlainText`` it is; the engines also rank the
    pages holding a cue higher (``search.backends.elasticsearch``).
    """

    def __init__(self, query_string: str, cues: tuple[str, ...]):
        super().__init__(query_string, operator="and")
        self.cues = cues


def exact_lookup(query: str):
    """The policy document whose 文号 or 索引号 the query is, if any (a 文号 however loosely typed)."""

    text = normalise(query)
    documents = live_public(PolicyDocumentPage)
    docnum = parse_document_number(text)
    if docnum is not None:
        match = documents.filter(document_number_normalised=docnum.canonical).first()
        if match is None:
            # Leading zeros, 第 or the year typed differently: compare the parts.
            wanted = (docnum.prefix, docnum.year, docnum.number)
            candidates = documents.filter(document_number_normalised__contains=f"〔{docnum.year}〕")
            for candidate in candidates[:500]:
                found = parse_document_number(candidate.document_number_normalised)
                if found and (found.prefix, found.year, found.number) == wanted:
                    return candidate
        return match
    if INDEX_NUMBER_RE.match(text):
        compact = re.sub(r"\s+", "", query)
        return documents.filter(index_number__iexact=normalise(compact)).first()
    return None


@dataclass
class SearchParams:
    query: str
    type: str | None = None
    organisation: object = None
    subject: object = None
    validity: str = ""
    year: int | None = None
    sort: str = "relevance"
    #: The search backend alias (``WAGTAILSEARCH_BACKENDS``): the analysis is the same on every backend.
    backend: str = "default"

    @property
    def document_filters(self) -> bool:
        return bool(self.organisation or self.subject or self.validity)


def run_search(params: SearchParams, type_: str | None = None, text: str | None = None):
    """Strict search results (lazy, sliceable) for ``params`` restricted to ``type_``.

    The backend gets the analysed text (``search.text.analysis``), or ``text``; a query
    with nothing searchable finds nothing without reaching the backend.
    """
    if text is None:
        text = analyse(params.query).strict_text
    type_ = params.type if type_ is None else type_ or None
    queryset = base_queryset(type_, document_filters=params.document_filters)
    queryset = apply_filters(
        queryset,
        organisation=params.organisation,
        subject=params.subject,
        validity=params.validity,
        year=params.year,
    )
    if not text or not segment_for_query(text):
        # Nothing the index holds tokens for: no backend query (an empty tsquery is an error on PostgreSQL).
        return queryset.none()
    if params.sort == "date":
        date_field = "published_at" if hasattr(queryset.model, "published_at") else "first_published_at"
        return queryset.order_by(f"-{date_field}", "-id").search(text, order_by_relevance=False, backend=params.backend)
    cues = analyse(params.query).cues
    return queryset.search(CuedText(text, cues) if cues else text, backend=params.backend)


def facet_counts(params: SearchParams, text: str | None = None) -> list[tuple[str, str, int]]:
    """``(type, label, count)`` for each type facet under the current filters."""
    if text is None:
        text = analyse(params.query).strict_text
    counted = _facets_from_matches(params, text) if text else None
    counts = []
    for key, label in TYPE_LABELS.items():
        if counted is not None:
            if key != "consultation" or consultation_model() is not None:
                counts.append((key, label, counted.get(key, 0)))
            continue
        if params.document_filters and key != "policy":
            counts.append((key, label, 0))
            continue
        if key == "consultation" and consultation_model() is None:
            continue
        counts.append((key, label, run_search(params, type_=key, text=text).count()) if text else (key, label, 0))
    return counts


def _strict_count(params: SearchParams, text: str, results) -> int:
    """``results.count()``, taken from the facet counts where they cover the results (no query of its own)."""
    if params.type is None or params.type in TYPE_LABELS:
        counted = _facets_from_matches(params, text) if text else None
        if counted is not None:
            return sum(counted.values()) if params.type is None else counted.get(params.type, 0)
    return results.count()


def _facets_from_matches(params: SearchParams, text: str) -> dict[str, int] | None:
    """Every type facet's count in one query, from the entries ``text`` matches (read once per search scope).

    ``None`` when the backend does not read them (the engines, stock modelsearch),
    when the text matches more than the backend reads that way, and under filters
    (the facets are then counted one by one, as each type filters differently).
    """
    if params.document_filters or params.year is not None:
        return None
    return scoped(("facets-from-matches", params.backend, text), lambda: _count_facets(params, text))


def _count_facets(params: SearchParams, text: str) -> dict[str, int] | None:
    """``{facet key: count}`` (key ``None``: results of no facet) of the pages among ``text``'s matches."""
    read = getattr(run_search(params, type_="", text=text), "matching_objects", None)
    matches = read() if read is not None else None
    if matches is None:
        return None
    pks = [pk for found in matches.values() for pk in found]
    pages = content_pages()
    rows = pages.filter(pk__in=pk_list(pages.db, pks)).values_list("content_type_id", "path") if pks else []
    news_paths = {kind: news_index_paths(kind) for kind in ("news", "notice")}
    counted: dict[str, int] = {}
    for content_type_id, path in rows:
        key = type_of_model(ContentType.objects.get_for_id(content_type_id).model_class(), path, news_paths)
        counted[key] = counted.get(key, 0) + 1
    return counted


#: A page of results: the strict search finding fewer than this runs the relaxed search.
PAGE_SIZE = 10
#: Results kept from the relaxed search in all, and from each subset where the backend searches one at a time.
RELAXED_LIMIT = 100
RELAXED_PER_SUBSET = 20
#: Columns and index pages shown in their own box.
COLUMN_LIMIT = 5


@dataclass
class SearchOutcome:
    """What the search page shows for one query: results, how they were found, what else to offer."""

    analysis: QueryAnalysis
    results: object = ()
    count: int = 0
    #: The relaxed search added results (not every term matched).
    relaxed: bool = False
    #: The query searched instead of the typed one (pinyin, typo), and the suggestion offered.
    corrected: str = ""
    facets: list = field(default_factory=list)
    pinned: object = None

    @property
    def searchable(self) -> bool:
        return self.analysis.searchable


def _scored(results):
    """``(page, score)`` of ranked results, the backend's score where it gives one."""
    for rank, page in enumerate(results):
        score = getattr(page, "_score", None)
        yield page, (float(score) if score is not None else 1.0 / (rank + 1))


def relaxed_results(params: SearchParams, analysis: QueryAnalysis, type_: str | None = None, exclude=()) -> list:
    """Pages matching most terms but not all: by terms matched, then by the backend's score.

    The database backends count the terms of ``QueryAnalysis.relaxed_terms`` in one
    pass (``search.backends.relaxed``); other backends (the engines, stock
    modelsearch) get one strict query per subset of terms
    (``QueryAnalysis.relaxed_texts``).  Either way a page matching more terms ranks
    first, and among pages matching as many, title matches first.
    """
    relaxed = analysis.relaxed_terms()
    if relaxed is None:
        return []
    most_terms = getattr(run_search(params, type_=type_, text=" ".join(relaxed.terms)), "most_terms", None)
    found = most_terms(relaxed, RELAXED_LIMIT, exclude=exclude) if most_terms is not None else None
    if found is not None:
        return found
    best: dict[int, tuple[int, float, object]] = {}
    excluded = set(exclude)
    size_done = None
    for size, text in analysis.relaxed_texts():
        if size != size_done and len(best) >= RELAXED_LIMIT:
            break
        size_done = size
        ranked = run_search(params, type_=type_, text=text)
        if hasattr(ranked, "annotate_score"):
            ranked = ranked.annotate_score("_score")
        for page, score in _scored(ranked[:RELAXED_PER_SUBSET]):
            if page.pk in excluded:
                continue
            current = best.get(page.pk)
            if current is None or (size, score) > current[:2]:
                best[page.pk] = (size, score, page)
    ordered = sorted(best.values(), key=lambda row: (-row[0], -row[1], -row[2].pk))
    return [page for _size, _score, page in ordered[:RELAXED_LIMIT]]


def _list_facets(params: SearchParams, pages: list) -> list[tuple[str, str, int]]:
    news_paths = {kind: news_index_paths(kind) for kind in ("news", "notice")}
    if hasattr(pages, "kinds"):  # relaxed results not loaded yet (``RankedObjects``)
        keys = [type_of_model(model, path, news_paths) for model, path in pages.kinds()]
    else:
        keys = [type_of(page, news_paths) for page in pages]
    counted = Counter(keys)
    return [
        (key, label, counted.get(key, 0))
        for key, label in TYPE_LABELS.items()
        if key != "consultation" or consultation_model() is not None
    ]


def _outcome(params: SearchParams, analysis: QueryAnalysis, *, relax: bool = True, strict=None) -> SearchOutcome:
    text = analysis.strict_text
    if strict is None:
        results = run_search(params, text=text)
        strict = SearchOutcome(analysis=analysis, results=results, count=_strict_count(params, text, results))
    outcome, results, count = strict, strict.results, strict.count
    if relax and count < PAGE_SIZE and params.sort == "relevance" and analysis.relaxed_terms() is not None:
        strict = list(results[:PAGE_SIZE])
        extra = relaxed_results(params, analysis, exclude=[page.pk for page in strict])
        if not extra:
            # Fewer than a page: these are all the strict results, read once.
            outcome.results = strict
        else:
            merged = extra.prefixed(strict) if hasattr(extra, "prefixed") else strict + extra
            outcome.results, outcome.count, outcome.relaxed = merged, len(merged), True
            if params.type is None:
                outcome.facets = _list_facets(params, merged)
            else:
                everything = list(run_search(params, type_="", text=text)[:PAGE_SIZE])
                extra = relaxed_results(params, analysis, type_="", exclude=[p.pk for p in everything])
                outcome.facets = _list_facets(
                    params, extra.prefixed(everything) if hasattr(extra, "prefixed") else everything + extra
                )
    return outcome


def search(params: SearchParams, *, corrections=None) -> SearchOutcome:
    """Analyse ``params.query``, search strictly, correct pinyin and typos, relax when that finds less than a page.

    ``corrections`` is a callable giving candidate corrections of the query (most likely
    first, e.g. ``search.vocabulary.corrections``).  They are tried only when the query
    itself finds nothing with every term, before relaxing it (公基金 means 公积金, not
    any document with 基金), and one is kept only if it finds something.

    The backend queries share a search scope (``search.scope``): one text's matches are read once.
    """
    with search_scope():
        return _search(params, corrections)


def _search(params: SearchParams, corrections) -> SearchOutcome:
    analysis = analyse(params.query)
    if not analysis.searchable:
        return SearchOutcome(analysis=analysis, results=[], count=0)
    outcome = _outcome(params, analysis, relax=False)
    if outcome.count == 0 and corrections is not None:
        for candidate in corrections(analysis):
            corrected = _outcome(params, analyse(candidate))
            if corrected.count:
                corrected.analysis = analysis
                corrected.corrected = candidate
                outcome = corrected
                break
    if not outcome.corrected and outcome.count < PAGE_SIZE:
        outcome = _outcome(params, analysis, strict=outcome)
    if not outcome.facets:
        strict_text = analyse(outcome.corrected).strict_text if outcome.corrected else None
        outcome.facets = facet_counts(params, text=strict_text)
    return outcome


def matching_columns(query: str, limit: int = COLUMN_LIMIT) -> list:
    """Columns and index pages whose title or description holds every term of the query, for their own box.

    A site has tens of columns and may have a hundred thousand documents: asking the
    backend would rank every document that matches (for 住房公积金, 65,000 at 100,000
    documents, seconds on PostgreSQL) only to keep the few columns among them. The
    columns are read once and matched here; titles holding more of the terms come first.
    """
    analysis = analyse(query)
    terms = [normalise(term) for term in analysis.terms if normalise(term)]
    if not terms or analysis.document_number is not None:
        return []
    found = []
    for page in COLUMNS.get():
        title = normalise(page.title)
        text = title + " " + normalise(page.search_description or "")
        if all(term in text for term in terms):
            found.append((-sum(term in title for term in terms), page.depth, page.path, page))
    return [page for *_key, page in sorted(found, key=lambda row: row[:3])[:limit]]


def _columns() -> list:
    return list(column_pages().filter(content_type__in=column_content_types()).order_by("depth", "path"))


#: The column pages, cached until a page is published, unpublished, moved or deleted or a view restriction changes.
COLUMNS = CachedRows("search:columns", _columns, models=(PageViewRestriction,), pages=True)


def column_content_types() -> list[int]:
    """Page types that are never results (``content_condition`` names those that are, news by place)."""
    content = [PolicyDocumentPage, InterpretationPage, AnnualReportPage, NewsPage, consultation_model()]
    excluded = {ContentType.objects.get_for_model(model).pk for model in content if model is not None}
    return [
        ContentType.objects.get_for_model(model).pk
        for model in get_page_models()
        if ContentType.objects.get_for_model(model).pk not in excluded
    ]
