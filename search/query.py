"""Site search: which pages a query finds, by type and filters, in what order.

Used by the public view and by ``bench/relevance.py`` so both measure the
same thing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page, get_page_models

from disclosure.models import AnnualReportPage, InterpretationPage, PolicyDocumentPage
from home.models import NewsIndexPage, NewsPage
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
    """``search.text.analysis.analyse`` with the synonym terms in force kept whole."""
    return analyse_text(query, protected=current_synonyms())


def consultation_model():
    """The consultations app's page model, if that app is installed."""
    try:
        return apps.get_model("consultations", "ConsultationPage")
    except (LookupError, ValueError):
        return None


def _news_index_paths(kind: str) -> list[str]:
    """Tree paths of the news columns of ``kind`` (unordered: by path, SQLite walks every page to find them)."""
    return scoped(
        ("news-index-paths", kind),
        lambda: list(NewsIndexPage.objects.filter(kind=kind).order_by().values_list("path", flat=True)),
    )


def base_queryset(type_: str | None, *, document_filters: bool = False):
    """Live public pages of one type (``None``: every page), once per search scope (``public()`` costs a query)."""
    return scoped(("base-queryset", type_, document_filters), lambda: _base_queryset(type_, document_filters))


def _base_queryset(type_: str | None, document_filters: bool):
    if document_filters or type_ == "policy":
        model = PolicyDocumentPage
    elif type_ == "interpretation":
        model = InterpretationPage
    elif type_ == "report":
        model = AnnualReportPage
    elif type_ == "column":
        return column_pages()
    elif type_ == "consultation":
        model = consultation_model()
        if model is None:
            return Page.objects.none()
    elif type_ in ("news", "notice"):
        paths = _news_index_paths(type_)
        if not paths:
            return NewsPage.objects.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return NewsPage.objects.live().public().filter(condition)
    else:
        return content_pages()
    return model.objects.live().public()


def content_condition() -> Q:
    """Pages that are results: documents, interpretations, annual reports, consultations, news and notices."""
    models = [PolicyDocumentPage, InterpretationPage, AnnualReportPage]
    consultation = consultation_model()
    if consultation is not None:
        models.append(consultation)
    condition = Q(content_type__in=[ContentType.objects.get_for_model(m) for m in models])
    for kind in ("news", "notice"):
        for path in _news_index_paths(kind):
            condition |= Q(path__startswith=path, depth__gt=path_depth(path))
    return condition


def path_depth(path: str) -> int:
    return len(path) // Page.steplen


def content_pages():
    """Live public pages of every faceted type: their counts add up to the total."""
    return Page.objects.live().public().filter(content_condition())


def column_pages():
    """Live public pages that are not results (columns, index pages, the home page): shown in their own box."""
    return Page.objects.live().public().exclude(content_condition()).exclude(depth__lte=1)


def apply_filters(queryset, *, organisation=None, subject=None, validity="", year=None):
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if subject is not None:
        queryset = queryset.filter(subject=subject)
    if validity:
        queryset = queryset.filter(validity=validity)
    if year:
        tz = timezone.get_current_timezone()
        if hasattr(queryset.model, "formed_on"):
            queryset = queryset.filter(
                formed_on__gte=datetime.date(year, 1, 1), formed_on__lt=datetime.date(year + 1, 1, 1)
            )
        else:
            queryset = queryset.filter(
                first_published_at__gte=datetime.datetime(year, 1, 1, tzinfo=tz),
                first_published_at__lt=datetime.datetime(year + 1, 1, 1, tzinfo=tz),
            )
    return queryset


def exact_lookup(query: str):
    """The policy document whose 文号 or 索引号 the query is, if any (a 文号 however loosely typed)."""

    text = normalise(query)
    documents = PolicyDocumentPage.objects.live().public()
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
    return queryset.search(text, backend=params.backend)


def facet_counts(params: SearchParams, text: str | None = None) -> list[tuple[str, str, int]]:
    """``(type, label, count)`` for each type facet under the current filters."""
    if text is None:
        text = analyse(params.query).strict_text
    counts = []
    for key, label in TYPE_LABELS.items():
        if params.document_filters and key != "policy":
            counts.append((key, label, 0))
            continue
        if key == "consultation" and consultation_model() is None:
            continue
        counts.append((key, label, run_search(params, type_=key, text=text).count()) if text else (key, label, 0))
    return counts


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


def type_of(page, news_paths: dict[str, list[str]] | None = None) -> str | None:
    """The facet key of a result page, by its class (no query) and for news its column (``{kind: paths}``)."""
    model = page.specific_class if isinstance(page, Page) else type(page)
    if model is None:
        return None
    if issubclass(model, PolicyDocumentPage):
        return "policy"
    if issubclass(model, InterpretationPage):
        return "interpretation"
    if issubclass(model, AnnualReportPage):
        return "report"
    if issubclass(model, NewsPage):
        if news_paths is None:
            news_paths = {kind: _news_index_paths(kind) for kind in ("news", "notice")}
        for kind, paths in news_paths.items():
            if any(page.path.startswith(path) for path in paths):
                return kind
        return None
    consultation = consultation_model()
    if consultation is not None and issubclass(model, consultation):
        return "consultation"
    return None


def _list_facets(params: SearchParams, pages: list) -> list[tuple[str, str, int]]:
    news_paths = {kind: _news_index_paths(kind) for kind in ("news", "notice")}
    counted: dict[str, int] = {}
    for page in pages:
        key = type_of(page, news_paths)
        counted[key] = counted.get(key, 0) + 1
    return [
        (key, label, counted.get(key, 0))
        for key, label in TYPE_LABELS.items()
        if key != "consultation" or consultation_model() is not None
    ]


def _outcome(params: SearchParams, analysis: QueryAnalysis, *, relax: bool = True, strict=None) -> SearchOutcome:
    text = analysis.strict_text
    if strict is None:
        results = run_search(params, text=text)
        strict = SearchOutcome(analysis=analysis, results=results, count=results.count())
    outcome, results, count = strict, strict.results, strict.count
    if relax and count < PAGE_SIZE and params.sort == "relevance" and analysis.relaxed_terms() is not None:
        strict = list(results[:PAGE_SIZE])
        extra = relaxed_results(params, analysis, exclude=[page.pk for page in strict])
        if extra:
            merged = strict + extra
            outcome.results, outcome.count, outcome.relaxed = merged, len(merged), True
            if params.type is None:
                outcome.facets = _list_facets(params, merged)
            else:
                everything = list(run_search(params, type_="", text=text)[:PAGE_SIZE])
                outcome.facets = _list_facets(
                    params, everything + relaxed_results(params, analysis, type_="", exclude=[p.pk for p in everything])
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
    for page in column_pages().filter(content_type__in=column_content_types()).order_by("depth", "path"):
        title = normalise(page.title)
        text = title + " " + normalise(page.search_description or "")
        if all(term in text for term in terms):
            found.append((-sum(term in title for term in terms), page.depth, page.path, page))
    return [page for *_key, page in sorted(found, key=lambda row: row[:3])[:limit]]


def column_content_types() -> list[int]:
    """Page types that are never results (``content_condition`` names those that are, news by place)."""
    content = [PolicyDocumentPage, InterpretationPage, AnnualReportPage, NewsPage, consultation_model()]
    excluded = {ContentType.objects.get_for_model(model).pk for model in content if model is not None}
    return [
        ContentType.objects.get_for_model(model).pk
        for model in get_page_models()
        if ContentType.objects.get_for_model(model).pk not in excluded
    ]
