"""Admin report of what citizens search for and what finds nothing."""

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Sum, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.views.snippets import CreateView

import django_filters

from core.spreadsheets import SafeSpreadsheetExportMixin
from search.models import QueryLog

PERIODS = [("7", _("最近7天")), ("30", _("最近30天")), ("90", _("最近90天")), ("365", _("最近一年"))]
DEFAULT_PERIOD = "30"


class SearchTermsFilterSet(WagtailFilterSet):
    days = django_filters.ChoiceFilter(label=_("统计期间"), choices=PERIODS, method="filter_days", empty_label=None)
    zero_only = django_filters.BooleanFilter(label=_("只看无结果的搜索"), method="filter_zero_only")

    class Meta:
        model = QueryLog
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("days", DEFAULT_PERIOD)
        super().__init__(data, *args, **kwargs)

    def filter_days(self, queryset, name, value):
        since = timezone.localdate() - timezone.timedelta(days=int(value or DEFAULT_PERIOD))
        return queryset.filter(date__gte=since)

    def filter_zero_only(self, queryset, name, value):
        return queryset.filter(zero_hits__gt=0) if value else queryset


ADD_SYNONYM = _("添加同义词")
SYNONYM_ADD_URL_NAME = "wagtailsnippets_search_synonym:add"


def add_synonym_url(query: str) -> str:
    """The Synonym snippet's create form, prefilled with a query that found nothing."""
    return reverse(SYNONYM_ADD_URL_NAME) + "?" + urlencode({"terms": f"{query}，", "note": "来自无结果搜索"})


class SynonymCreateView(CreateView):
    """The Synonym create form, prefilled from ``?terms=...&note=...`` (the report's one-click link)."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("terms", "note"):
            if self.request.GET.get(name):
                initial[name] = self.request.GET[name][:200]
        return initial


class SearchTermsReport(SafeSpreadsheetExportMixin, ReportView):
    """The queries of a period with how often they were searched and how often they found nothing."""

    page_title = _("搜索统计")
    header_icon = "search"
    index_url_name = "search_admin:report"
    index_results_url_name = "search_admin:report_results"
    filterset_class = SearchTermsFilterSet
    paginate_by = 50
    columns = [
        Column("query", label=_("搜索词")),
        Column("total_hits", label=_("搜索次数")),
        Column("total_zero_hits", label=_("无结果次数")),
        TitleColumn(
            "add_synonym",
            label=_("同义词"),
            get_url=lambda row: add_synonym_url(row["query"]) if row["total_zero_hits"] else None,
        ),
    ]
    list_export = ["query", "total_hits", "total_zero_hits"]
    export_headings = {"query": "搜索词", "total_hits": "搜索次数", "total_zero_hits": "无结果次数"}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return QueryLog.objects.all()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return (
            queryset.values("query")
            .annotate(total_hits=Sum("hits"), total_zero_hits=Sum("zero_hits"))
            .annotate(add_synonym=Case(When(total_zero_hits__gt=0, then=Value(str(ADD_SYNONYM))), default=Value("")))
            .order_by("-total_hits", "query")
        )
