"""Admin reports on the statutory time limits: late publication, missing and late interpretations."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from disclosure.deadlines import (
    calendar_overrides,
    interpretation_days,
    local_date,
    proactive_disclosure_days,
    working_days_late,
)
from disclosure.exporting import SafeSpreadsheetExportMixin
from disclosure.workdays import working_days_between


def _edit_url(obj):
    from django.urls import reverse

    page = getattr(obj, "page", obj)
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class ListReportView(SafeSpreadsheetExportMixin, ReportView):
    """A report whose rows are computed in Python (working days are not SQL arithmetic)."""

    paginate_by = 100
    header_icon = "warning"

    def get_filtered_queryset(self):
        return self.get_rows()

    def get_rows(self):
        raise NotImplementedError


class Row:
    def __init__(self, page, **values):
        self.page = page
        self.pk = page.pk
        self.title = page.title
        for key, value in values.items():
            setattr(self, key, value)


class LateDocumentsReport(ListReportView):
    """Documents published later than the proactive-disclosure limit after their 成文日期."""

    page_title = _("超期公开的文件")
    index_url_name = "disclosure_report_late_documents"
    index_results_url_name = "disclosure_report_late_documents_results"
    list_export = ["index_number", "title", "organisation", "formed_on", "published_on", "working_days"]
    export_headings = {
        "index_number": "索引号",
        "title": "名称",
        "organisation": "发布机构",
        "formed_on": "成文日期",
        "published_on": "发布日期",
        "working_days": "间隔工作日",
    }
    columns = [
        TitleColumn("title", label=_("名称"), get_url=_edit_url),
        Column("index_number", label=_("索引号")),
        Column("organisation", label=_("发布机构")),
        Column("formed_on", label=_("成文日期")),
        Column("published_on", label=_("发布日期")),
        Column("working_days", label=_("间隔工作日")),
    ]

    def get_rows(self):
        from disclosure.models import PolicyDocumentPage

        limit = proactive_disclosure_days()
        overrides = calendar_overrides()
        rows = []
        for doc in PolicyDocumentPage.objects.live().select_related("organisation").order_by("-published_at"):
            days = working_days_late(doc.formed_on, doc.published_at, overrides)
            if days is not None and days > limit:
                rows.append(
                    Row(
                        doc,
                        index_number=doc.index_number,
                        organisation=doc.organisation.name,
                        formed_on=doc.formed_on,
                        published_on=local_date(doc.published_at),
                        working_days=days,
                    )
                )
        return rows


class UninterpretedPoliciesReport(ListReportView):
    """Rules and normative documents that have no interpretation."""

    page_title = _("未解读的规章和规范性文件")
    index_url_name = "disclosure_report_uninterpreted"
    index_results_url_name = "disclosure_report_uninterpreted_results"
    list_export = ["index_number", "title", "organisation", "rank", "published_on"]
    export_headings = {
        "index_number": "索引号",
        "title": "名称",
        "organisation": "发布机构",
        "rank": "效力等级",
        "published_on": "发布日期",
    }
    columns = [
        TitleColumn("title", label=_("名称"), get_url=_edit_url),
        Column("index_number", label=_("索引号")),
        Column("organisation", label=_("发布机构")),
        Column("rank", label=_("效力等级")),
        Column("published_on", label=_("发布日期")),
    ]

    def get_rows(self):
        from disclosure.models import InterpretationPage, PolicyDocumentPage
        from disclosure.models.catalogue import Rank

        interpreted = InterpretationPage.objects.live().values_list("interpreted_policies__policy_id", flat=True)
        documents = (
            PolicyDocumentPage.objects.live()
            .filter(rank__in=[Rank.RULE, Rank.NORMATIVE])
            .exclude(pk__in=[pk for pk in interpreted if pk])
            .select_related("organisation")
            .order_by("-published_at")
        )
        return [
            Row(
                doc,
                index_number=doc.index_number,
                organisation=doc.organisation.name,
                rank=doc.get_rank_display(),
                published_on=local_date(doc.published_at),
            )
            for doc in documents
        ]


class LateInterpretationsReport(ListReportView):
    """Interpretations published more than the allowed working days after their policy."""

    page_title = _("超期发布的政策解读")
    index_url_name = "disclosure_report_late_interpretations"
    index_results_url_name = "disclosure_report_late_interpretations_results"
    list_export = ["title", "policy", "policy_published_on", "published_on", "working_days"]
    export_headings = {
        "title": "解读",
        "policy": "政策文件",
        "policy_published_on": "政策发布日期",
        "published_on": "解读发布日期",
        "working_days": "间隔工作日",
    }
    columns = [
        TitleColumn("title", label=_("解读"), get_url=_edit_url),
        Column("policy", label=_("政策文件")),
        Column("policy_published_on", label=_("政策发布日期")),
        Column("published_on", label=_("解读发布日期")),
        Column("working_days", label=_("间隔工作日")),
    ]

    def get_rows(self):
        from disclosure.models import InterpretedPolicy

        limit = interpretation_days()
        overrides = calendar_overrides()
        rows = []
        links = InterpretedPolicy.objects.filter(page__live=True, policy__live=True).select_related("page", "policy")
        for link in links.order_by("-page__published_at"):
            policy_day = local_date(link.policy.published_at)
            own_day = local_date(link.page.published_at)
            if policy_day is None or own_day is None:
                continue
            days = working_days_between(policy_day, own_day, overrides)
            if days > limit:
                rows.append(
                    Row(
                        link.page,
                        policy=link.policy.title,
                        policy_published_on=policy_day,
                        published_on=own_day,
                        working_days=days,
                    )
                )
        return rows


REPORTS = [
    ("late-documents", "disclosure_report_late_documents", LateDocumentsReport, "date"),
    ("uninterpreted-policies", "disclosure_report_uninterpreted", UninterpretedPoliciesReport, "help"),
    ("late-interpretations", "disclosure_report_late_interpretations", LateInterpretationsReport, "time"),
]
