"""The deadline report (待办 / 即将到期 / 已超期): open applications by where their clock stands."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from applications.admin_views import (
    CalendarWarningMixin,
    DeadlineColumn,
    applications_visible_to,
    detail_url,
    filter_due,
)
from applications.models import Application
from applications.models.choices import OPEN_STATES
from core.spreadsheets import SafeSpreadsheetExportMixin

BUCKETS = [("todo", _("待办")), ("due_soon", _("即将到期")), ("overdue", _("已超期"))]


class DeadlineFilterSet(WagtailFilterSet):
    bucket = django_filters.ChoiceFilter(
        label=_("类别"), choices=BUCKETS, method="filter_bucket", empty_label=_("全部未办结")
    )

    class Meta:
        model = Application
        fields = []

    def filter_bucket(self, queryset, name, value):
        if value == "todo":
            return queryset.exclude(pk__in=filter_due(queryset, "overdue")).exclude(
                pk__in=filter_due(queryset, "due_soon")
            )
        return filter_due(queryset, value)


class DeadlineReportView(CalendarWarningMixin, SafeSpreadsheetExportMixin, ReportView):
    """Open applications, the most urgent first; the same buckets the daily reminder e-mails."""

    page_title = _("依申请公开期限")
    header_icon = "time"
    index_url_name = "applications_admin:deadlines"
    index_results_url_name = "applications_admin:deadlines_results"
    model = Application
    filterset_class = DeadlineFilterSet
    paginate_by = 100
    list_export = [
        "number",
        "info_title",
        "organisation",
        "department",
        "assignee",
        "state_display",
        "deadline",
        "days_left",
    ]
    export_headings = {
        "number": "申请编号",
        "info_title": "所需信息",
        "organisation": "申请机关",
        "department": "承办部门",
        "assignee": "承办人",
        "state_display": "办理状态",
        "deadline": "答复期限",
        "days_left": "剩余工作日",
    }
    columns = [
        TitleColumn("number", label=_("申请编号"), get_url=detail_url),
        Column("info_title", label=_("所需信息")),
        Column("department", label=_("承办部门")),
        Column("assignee", label=_("承办人")),
        Column("get_state_display", label=_("办理状态")),
        DeadlineColumn("deadline", label=_("答复期限 / 剩余工作日")),
    ]

    def get_base_queryset(self):
        return applications_visible_to(self.request.user).filter(state__in=OPEN_STATES).order_by("deadline", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context
