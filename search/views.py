"""The public search page (/search/) and its autocomplete endpoint."""

from __future__ import annotations

import functools
import logging

from django.db.models import prefetch_related_objects
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.attachments import document_texts
from core.cached import CachedRows
from core.listing import Listing
from disclosure.models import AnnualReportPage, InterpretationPage, PolicyDocumentPage
from home.models import NewsIndexPage, NewsPage
from search import ratelimit
from search.engine_status import ENGINE_ERRORS, SEARCH_UNAVAILABLE_MESSAGE
from search.forms import MAX_QUERY_LENGTH, SearchForm
from search.highlight import contains_any, highlight, highlight_terms, snippet
from search.models import QueryLog
from search.pages import news_index_paths
from search.query import (
    TYPE_LABELS,
    SearchParams,
    analyse,
    exact_lookup,
    matching_columns,
    run_search,
)
from search.query import search as run_query
from search.scope import search_scope
from search.synonyms import current_synonyms
from search.text import normalise
from search.vocabulary import corrections

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
RATE_LIMIT_MESSAGE = "您的搜索过于频繁，请稍后再试。"


def _type_label(page, news_kinds=None) -> str:
    """The result's type; a news item's is its column's kind (``news_kinds``: column path -> kind, when known)."""

    if isinstance(page, PolicyDocumentPage):
        return TYPE_LABELS["policy"]
    if isinstance(page, InterpretationPage):
        return TYPE_LABELS["interpretation"]
    if isinstance(page, AnnualReportPage):
        return TYPE_LABELS["report"]
    if isinstance(page, NewsPage):
        if news_kinds is None:
            news_kinds = _news_kinds([page])
        kind = news_kinds.get(page.path[: -Page.steplen], "")
        return TYPE_LABELS["notice"] if kind == "notice" else TYPE_LABELS["news"]
    if page._meta.app_label == "consultations":
        return TYPE_LABELS["consultation"]
    return "网页"


def _news_kinds(pages) -> dict[str, str]:
    """The kind of each news column by its path, when ``pages`` hold news (read once per search scope)."""
    if not any(isinstance(page, NewsPage) for page in pages):
        return {}
    return {path: kind for kind in NewsIndexPage.Kind.values for path in news_index_paths(kind)}


def _specific_pages(pages: list) -> list:
    """``page.specific`` of each result, read in one query per page type rather than one per result.

    Documents come with their organisation and attachments (the result list shows the one
    and may quote the other).
    """
    wanted: dict[type, list[int]] = {}
    for page in pages:
        model = page.specific_class if type(page) is Page else None
        if model is not None and model is not Page:
            wanted.setdefault(model, []).append(page.pk)
    fetched = {}
    for model, ids in wanted.items():
        queryset = model._default_manager.filter(pk__in=ids)
        if issubclass(model, PolicyDocumentPage):
            queryset = queryset.select_related("organisation")
        fetched.update((obj.pk, obj) for obj in queryset)
    specific = []
    for page in pages:
        found = fetched.get(page.pk) if type(page) is Page else page
        if found is None:
            found = page.specific
        elif found is not page:
            # What Page.specific keeps: values the search set on the page (its score).
            for key, value in page.__dict__.items():
                found.__dict__.setdefault(key, value)
        specific.append(found)
    prefetch_related_objects([p for p in specific if isinstance(p, PolicyDocumentPage)], "organisation", "attachments")
    return specific


def _page_text(page) -> str:
    """Summary, description and body as plain text, each said once (bodies often open with the summary)."""
    from django.utils.html import strip_tags

    parts = [getattr(page, "summary", "") or "", getattr(page, "search_description", "") or ""]
    body = getattr(page, "body", None)
    if body is not None:
        try:
            parts.append(body.render_as_block() if hasattr(body, "render_as_block") else str(body))
        except Exception:
            # A body that cannot render (a block whose referenced object is gone) still gives a result.
            logger.exception("Cannot render the body of page %s for a search snippet", page.pk)
            parts.append("")
    texts: list[str] = []
    for part in parts:
        text = " ".join(strip_tags(part).split())
        if not text or any(text in seen for seen in texts):
            continue
        texts = [seen for seen in texts if seen not in text]
        texts.append(text)
    return " ".join(texts)


def _result_item(page, terms: list[str], news_kinds=None, attachment_texts=None) -> dict:
    """What the result list shows of ``page``.

    ``attachment_texts`` gives {document id: text} of the attachments of every result on the
    page (read once, the first time a result needs it) instead of a query a result.
    """
    text = _page_text(page)
    item = {
        "page": page,
        "url": page.url,
        "type": _type_label(page, news_kinds),
        "title": highlight(page.title, terms),
        "snippet": snippet(text, terms),
        "date": getattr(page, "published_at", None) or page.first_published_at,
        "attachment_hit": None,
        "validity": None,
    }
    validity = getattr(page, "validity", None)
    if validity and validity != "valid":
        item["validity"] = page.get_validity_display()
    if hasattr(page, "attachment_text") and not contains_any(page.title + " " + text, terms):
        known = attachment_texts() if attachment_texts is not None and isinstance(page, PolicyDocumentPage) else None
        attachment_text = page.attachment_text(known)
        if contains_any(attachment_text, terms):
            item["attachment_hit"] = True
            item["snippet"] = snippet(attachment_text, terms)
    if hasattr(page, "document_number"):
        item["document_number"] = page.document_number
        item["organisation"] = page.organisation
    return item


def _result_items(pages: list, terms: list[str]) -> list[dict]:
    """The result list's items for ``pages``, with the queries of all of them made together."""
    news_kinds = _news_kinds(pages)
    documents = [page for page in pages if isinstance(page, PolicyDocumentPage)]
    document_ids = [a.document_id for page in documents for a in page.attachments.all() if a.document_id]
    attachment_texts = functools.cache(lambda: document_texts(document_ids))
    return [_result_item(page, terms, news_kinds, attachment_texts) for page in pages]


def _suggestions(query: str) -> list[str]:
    synonyms = current_synonyms()
    text = normalise(query)
    found = []
    for term in sorted(synonyms, key=len, reverse=True):
        if term in text:
            for other in sorted(synonyms[term]):
                candidate = text.replace(term, other)
                if candidate not in found and candidate != text:
                    found.append(candidate)
    return found[:5]


def _term_suggestions(params: SearchParams, analysis) -> list[str]:
    """Single terms of a query that found nothing, each of which finds something (a relaxed query to try)."""
    if len(analysis.terms) < 2:
        return []
    return [term for term in analysis.terms[:6] if len(term) > 1 and run_search(params, text=term).count()][:5]


def _all_promotions() -> dict[str, list]:
    """Every promoted result by its normalised query string (a site has a handful)."""
    by_query: dict[str, list] = {}
    for promotion in SearchPromotion.objects.select_related("page", "query").order_by("sort_order", "pk"):
        by_query.setdefault(promotion.query.query_string, []).append(promotion)
    return by_query


#: The promotions, cached until an editor changes one or a promoted page is published, unpublished or moved.
PROMOTIONS = CachedRows("search:promotions", _all_promotions, models=(SearchPromotion,), pages=True)


def _promotions(query: str):
    """The promoted results an editor set for ``query`` (without recording the query as Query.get would)."""
    return PROMOTIONS.get().get(normalise_query_string(query), [])


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": "", "max_length": MAX_QUERY_LENGTH, "column_name": "站内搜索"}
    if not ratelimit.allow(request):
        context["error"] = RATE_LIMIT_MESSAGE
        return TemplateResponse(request, "search/search.html", context, status=429)
    if not form.is_bound:
        context["popular"] = QueryLog.popular(limit=10)
        return TemplateResponse(request, "search/search.html", context)
    if not form.is_valid():
        context["error"] = "；".join(e for errors in form.errors.values() for e in errors)
        context["query"] = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
        return TemplateResponse(request, "search/search.html", context)

    data = form.cleaned_data
    query = data["q"]
    context["query"] = query
    if not query:
        context["popular"] = QueryLog.popular(limit=10)
        return TemplateResponse(request, "search/search.html", context)

    params = SearchParams(
        query=query,
        type=data.get("type") or None,
        organisation=data.get("organisation"),
        subject=data.get("subject"),
        validity=data.get("validity") or "",
        year=data.get("year"),
        sort=data.get("sort") or "relevance",
    )
    try:
        # One scope for the whole page: the results, the columns box, the 文号 lookup
        # and the suggestions read the view restrictions and the news columns once.
        with search_scope():
            return _results(request, form, context, params, query)
    except ENGINE_ERRORS:
        # The search engine is down: the rest of the site keeps working, this page says so.
        context["error"] = SEARCH_UNAVAILABLE_MESSAGE
        return TemplateResponse(request, "search/search.html", context, status=503)


def _results(request, form, context, params, query):
    outcome = run_query(params, corrections=corrections)
    listing = Listing(request, outcome.results, page_size=PAGE_SIZE, form=form, count=outcome.count)
    results_page = listing.page

    shown_query = outcome.corrected or query
    terms = highlight_terms(outcome.analysis.strict_text if not outcome.corrected else shown_query, current_synonyms())
    pinned = exact_lookup(query) if results_page.number == 1 else None
    pages = _specific_pages(list(results_page.object_list) if pinned is None else [pinned, *results_page.object_list])
    if pinned is not None:
        pages = [pages[0], *(page for page in pages[1:] if page.pk != pinned.pk)]
    items = _result_items(pages, terms)
    if pinned is not None:
        items[0]["pinned"] = True

    count = listing.count
    if pinned is not None and count == 0:
        count = 1
    if results_page.number == 1:
        QueryLog.record(query, count)

    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    context.update(
        {
            "params": params,
            "items": items,
            "results": results_page,
            "count": count,
            "querystring": listing.querystring,
            "facets": outcome.facets,
            "relaxed": outcome.relaxed,
            "corrected": outcome.corrected,
            "columns": matching_columns(shown_query) if results_page.number == 1 and outcome.searchable else [],
            "type_querystring": urlencode({k: v for k, v in keep.items() if k != "type"}),
            "promotions": _promotions(query) if results_page.number == 1 else [],
        }
    )
    if count == 0:
        context["suggestions"] = _suggestions(query)
        context["term_suggestions"] = _term_suggestions(params, outcome.analysis)
        context["popular"] = QueryLog.popular(limit=10)
    return listing.mark(TemplateResponse(request, "search/search.html", context))


@require_GET
def autocomplete(request):
    """Up to 8 page titles for the typed text, as JSON."""
    query = " ".join(request.GET.get("q", "").split())
    if not query or len(query) > MAX_QUERY_LENGTH or not analyse(query).searchable:
        return JsonResponse({"results": []})
    if not ratelimit.allow(request, scope="autocomplete", multiplier=5):
        return JsonResponse({"results": [], "error": RATE_LIMIT_MESSAGE}, status=429)
    try:
        pages = list(Page.objects.live().public().autocomplete(query)[:8])
    except ENGINE_ERRORS:
        return JsonResponse({"results": [], "error": str(SEARCH_UNAVAILABLE_MESSAGE)}, status=503)
    return JsonResponse({"results": [{"title": p.title, "url": p.url} for p in pages]})
