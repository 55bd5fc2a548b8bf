"""Which pages the site search finds, and of which type: the querysets behind each type facet.

Results are live public pages of the faceted types (documents, interpretations,
annual reports, consultations, news and notices by their column); every other
live page (columns, index pages) is shown in its own box.  Inside a search scope
(``search.scope``) the view restrictions and the news columns are read once.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from disclosure.models import AnnualReportPage, InterpretationPage, PolicyDocumentPage
from home.models import NewsIndexPage, NewsPage
from search.scope import scoped


def consultation_model():
    """The consultations app's page model, if that app is installed."""
    try:
        return apps.get_model("consultations", "ConsultationPage")
    except (LookupError, ValueError):
        return None


def news_index_paths(kind: str) -> list[str]:
    """Tree paths of the news columns of ``kind``, the columns of every kind read once per search scope."""
    return scoped(("news-index-paths",), _news_index_paths_by_kind).get(kind, [])


def _news_index_paths_by_kind() -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    # Unordered: ordered by path, SQLite walks every page to find them.
    for path, kind in NewsIndexPage.objects.order_by().values_list("path", "kind"):
        by_kind.setdefault(kind, []).append(path)
    return by_kind


def live_public(model=Page):
    """``model.objects.live().public()``, reading the view restrictions once per search scope.

    ``public()`` reads every restriction to build its condition, a query each time:
    a results page asks for the pages of each type many times over.
    """
    private = scoped(("private-q",), lambda: Page.objects.all().private_q())
    return model.objects.live().exclude(private)


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
        paths = news_index_paths(type_)
        if not paths:
            return NewsPage.objects.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return live_public(NewsPage).filter(condition)
    else:
        return content_pages()
    if model is PolicyDocumentPage:
        # Each result shows its 发布机构: loaded with the page of results.
        return live_public(model).select_related("organisation")
    return live_public(model)


def content_condition() -> Q:
    """Pages that are results: documents, interpretations, annual reports, consultations, news and notices."""
    models = [PolicyDocumentPage, InterpretationPage, AnnualReportPage]
    consultation = consultation_model()
    if consultation is not None:
        models.append(consultation)
    condition = Q(content_type__in=[ContentType.objects.get_for_model(m) for m in models])
    for kind in ("news", "notice"):
        for path in news_index_paths(kind):
            condition |= Q(path__startswith=path, depth__gt=path_depth(path))
    return condition


def path_depth(path: str) -> int:
    return len(path) // Page.steplen


def content_pages():
    """Live public pages of every faceted type: their counts add up to the total."""
    return live_public().filter(content_condition())


def column_pages():
    """Live public pages that are not results (columns, index pages, the home page): shown in their own box."""
    return live_public().exclude(content_condition()).exclude(depth__lte=1)


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


def type_of(page, news_paths: dict[str, list[str]] | None = None) -> str | None:
    """The facet key of a result page, by its class (no query) and for news its column (``{kind: paths}``)."""
    model = page.specific_class if isinstance(page, Page) else type(page)
    return type_of_model(model, page.path, news_paths)


def type_of_model(model, path: str, news_paths: dict[str, list[str]] | None = None) -> str | None:
    """The facet key of a page of class ``model`` at tree ``path`` (see ``type_of``)."""
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
            news_paths = {kind: news_index_paths(kind) for kind in ("news", "notice")}
        for kind, paths in news_paths.items():
            if any(path.startswith(column) for column in paths):
                return kind
        return None
    consultation = consultation_model()
    if consultation is not None and issubclass(model, consultation):
        return "consultation"
    return None
