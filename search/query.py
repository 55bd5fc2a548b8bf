"""Site search: which pages a query finds, by type and filters, in what order.

Used by the public view and by ``bench/relevance.py`` so both measure the
same thing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from core.text import normalise_document_number
from disclosure.models import AnnualReportPage, InterpretationPage, PolicyDocumentPage
from home.models import NewsIndexPage, NewsPage
from search.text import normalise, segment_for_query

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
    "column": "栏目/网页",
}
# Internal: every type but column pages, the main list of an unfiltered search.
CONTENT = "content"


def consultation_model():
    """The consultations app's page model, if that app is installed."""
    try:
        return apps.get_model("consultations", "ConsultationPage")
    except (LookupError, ValueError):
        return None


def _news_index_paths(kind: str) -> list[str]:

    return list(NewsIndexPage.objects.filter(kind=kind).values_list("path", flat=True))


def _typed_models():
    """The page models with a type of their own; every other page is a column page (栏目/网页)."""
    return [
        model
        for model in (PolicyDocumentPage, InterpretationPage, consultation_model(), NewsPage, AnnualReportPage)
        if model
    ]


def _column_condition():
    typed = ContentType.objects.get_for_models(*_typed_models()).values()
    return Q(content_type__in=[content_type.pk for content_type in typed])


def base_queryset(type_: str | None, *, document_filters: bool = False):
    """Live public pages of one type (``None``: every page)."""
    if type_ == "column" and not document_filters:
        return Page.objects.live().public().exclude(_column_condition())
    if type_ == CONTENT and not document_filters:
        return Page.objects.live().public().filter(_column_condition())
    if type_ == "report" and not document_filters:
        model = AnnualReportPage
    elif document_filters or type_ == "policy":
        model = PolicyDocumentPage
    elif type_ == "interpretation":
        model = InterpretationPage
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
        model = Page
    return model.objects.live().public()


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
    """The policy document whose 文号 or 索引号 the query is, if any."""

    text = normalise(query)
    documents = PolicyDocumentPage.objects.live().public()
    if DOCNUM_RE.match(text):
        wanted = normalise_document_number(query)
        match = documents.filter(document_number_normalised=wanted).first()
        if match is None:
            # Leading zeros or 第 typed differently: compare the parts.
            prefix, year, number = DOCNUM_RE.match(text).groups()
            candidates = documents.filter(document_number_normalised__contains=f"〔{year}〕")
            for candidate in candidates[:200]:
                found = DOCNUM_RE.match(normalise(candidate.document_number_normalised))
                if found and found.groups() == (prefix, year, number):
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

    @property
    def document_filters(self) -> bool:
        return bool(self.organisation or self.subject or self.validity)


def has_searchable_text(query: str) -> bool:
    """Whether the query holds a token any engine can match (``!!!``, 《》, an emoji or a BOM hold none)."""
    return bool(segment_for_query(normalise(query or "")))


def run_search(params: SearchParams, type_: str | None = None):
    """Search results (lazy, sliceable) for ``params`` restricted to ``type_``."""
    type_ = params.type if type_ is None else type_ or None
    queryset = base_queryset(type_, document_filters=params.document_filters)
    if not has_searchable_text(params.query):
        # Nothing to look for: no result, and no query an engine could refuse.
        return queryset.none()
    queryset = apply_filters(
        queryset,
        organisation=params.organisation,
        subject=params.subject,
        validity=params.validity,
        year=params.year,
    )
    if params.sort == "date":
        date_field = "published_at" if hasattr(queryset.model, "published_at") else "first_published_at"
        return queryset.order_by(f"-{date_field}", "-id").search(params.query, order_by_relevance=False)
    return queryset.search(params.query)


def facet_counts(params: SearchParams, total: int | None = None) -> list[tuple[str, str, int]]:
    """``(type, label, count)`` for each type facet under the current filters.

    The types split the pages between them, column pages (栏目/网页) taking what the others
    leave, so the counts add up to ``total`` (the unfiltered count) when it is given.
    """
    counts = []
    for key, label in TYPE_LABELS.items():
        if params.document_filters and key != "policy":
            counts.append((key, label, 0))
            continue
        if key == "consultation" and consultation_model() is None:
            continue
        if key == "column" and total is not None:
            counts.append((key, label, max(total - sum(n for _key, _label, n in counts), 0)))
            continue
        counts.append((key, label, run_search(params, type_=key).count()))
    return counts
