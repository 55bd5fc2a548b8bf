"""The 网站检查 dashboard (a ReportView), the per-page check, the word-list import and a manual run."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

import django_filters
import openpyxl

from core.page_text import page_text
from core.spreadsheets import SafeSpreadsheetExportMixin
from disclosure.models import Organisation
from review.departments import department_label

from .checks.content import page_findings
from .models import Finding
from .permissions import findings_visible_to, may_open_dashboard, sees_all_findings
from .run import inspect_site
from .words import import_entries, parse_rows


def _edit_url(finding):
    if finding.page_id is None:
        return None
    return reverse("wagtailadmin_pages:edit", args=[finding.page_id])


class FindingFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("问题类型"), choices=Finding.Kind.choices, empty_label=_("全部"))
    organisation = django_filters.ModelChoiceFilter(
        label=_("部门"), queryset=Organisation.objects.all(), empty_label=_("全部部门")
    )
    q = django_filters.CharFilter(label=_("页面标题包含"), field_name="page_title", lookup_expr="icontains")

    class Meta:
        model = Finding
        fields = ["kind", "organisation", "q"]


class InspectionReportView(SafeSpreadsheetExportMixin, ReportView):
    """Every finding of the latest inspection the user may see, with counts per kind and department."""

    page_title = _("网站检查")
    header_icon = "warning"
    index_url_name = "inspection:report"
    index_results_url_name = "inspection:report_results"
    template_name = "inspection/report.html"
    filterset_class = FindingFilterSet
    paginate_by = 100
    list_export = ["kind_label", "page_title", "department", "field", "subject", "context", "suggestion", "found_at"]
    export_headings = {
        "kind_label": "问题类型",
        "page_title": "页面",
        "department": "部门",
        "field": "位置",
        "subject": "问题",
        "context": "上下文",
        "suggestion": "建议",
        "found_at": "发现时间",
    }
    export_filename = "wangzhan-jiancha"
    columns = [
        Column("kind_label", label=_("问题类型")),
        TitleColumn("page_title", label=_("页面"), get_url=_edit_url),
        Column("department", label=_("部门")),
        Column("field", label=_("位置")),
        Column("subject", label=_("问题")),
        Column("context", label=_("上下文")),
        Column("suggestion", label=_("建议")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_open_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return findings_visible_to(self.request.user).select_related("organisation")

    def decorate_paginated_queryset(self, object_list):
        for finding in object_list:
            _decorate(finding)
        return object_list

    def to_row_dict(self, item):
        _decorate(item)
        return super().to_row_dict(item)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        visible = self.get_base_queryset()
        # Every kind, in the order of the choices, zeros included: "0 broken external links" is a finding too.
        counts = dict(visible.order_by().values_list("kind").annotate(n=Count("pk")))
        context["kind_counts"] = [
            {"kind": kind, "label": label, "count": counts.get(kind, 0)} for kind, label in Finding.Kind.choices
        ]
        context["department_counts"] = [
            {
                "label": row["organisation__short_name"] or row["organisation__name"] or _("未归属部门"),
                "count": row["n"],
            }
            for row in visible.values("organisation__short_name", "organisation__name")
            .annotate(n=Count("pk"))
            .order_by("-n")
        ]
        context["total"] = visible.count()
        context["blocking"] = visible.filter(kind__in=Finding.BLOCKING_KINDS).count()
        context["sees_all"] = sees_all_findings(self.request.user)
        latest = visible.order_by("-found_at").values_list("found_at", flat=True).first()
        context["checked_at"] = latest
        return context


def _decorate(finding):
    finding.kind_label = finding.get_kind_display()
    finding.department = department_label(finding.organisation) if finding.organisation else ""


def page_check(request, page_id):
    """The findings of the latest revision of one page, highlighted in context (the editor's check button)."""
    page = get_object_or_404(Page, pk=page_id).specific
    permissions = page.permissions_for_user(request.user)
    task = page.current_workflow_task
    reviewer = (
        task is not None
        and hasattr(task.specific, "user_is_reviewer")
        and task.specific.user_is_reviewer(page, request.user)
    )
    if not (permissions.can_edit() or reviewer or sees_all_findings(request.user)):
        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    findings = page_findings(latest, text_of_page=page_text(latest))
    return TemplateResponse(
        request,
        "inspection/page_check.html",
        {
            "page": page,
            "findings": findings,
            "severe": [item for item in findings if item.kind == Finding.Kind.SEVERE_WORD],
            "labels": dict(Finding.Kind.choices),
        },
    )


class WordImportForm(forms.Form):
    file = forms.FileField(
        label=_("表格文件"),
        help_text=_("Excel（.xlsx）或 CSV 文件，列依次为：词语、类型（严重错误/敏感词/一般错误）、正确写法、说明。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        try:
            if name.endswith(".xlsx"):
                workbook = openpyxl.load_workbook(upload, read_only=True, data_only=True)
                rows = list(workbook.active.iter_rows(values_only=True))
            elif name.endswith(".csv"):
                data = upload.read()
                for encoding in ("utf-8-sig", "gb18030"):
                    try:
                        text = data.decode(encoding)
                        break
                    except UnicodeDecodeError:
                        continue
                else:
                    raise forms.ValidationError(_("无法识别文件编码，请另存为 UTF-8 编码的 CSV。"))
                rows = list(csv.reader(io.StringIO(text)))
            else:
                raise forms.ValidationError(_("只支持 .xlsx 或 .csv 文件。"))
        except (OSError, ValueError, KeyError) as exc:
            if isinstance(exc, forms.ValidationError):
                raise
            raise forms.ValidationError(_("无法读取该文件，请检查格式。")) from exc
        entries, errors = parse_rows(rows)
        if errors:
            raise forms.ValidationError(errors)
        if not entries:
            raise forms.ValidationError(_("文件中没有可导入的词语。"))
        return entries


def import_words(request):
    if not request.user.has_perm("inspection.add_wordentry"):
        raise PermissionDenied
    form = WordImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created, updated = import_entries(form.cleaned_data["file"])
        messages.success(
            request,
            _("已导入错敏词：新增%(created)d条，更新%(updated)d条。") % {"created": created, "updated": updated},
        )
        return redirect("inspection_wordentry:list")
    return TemplateResponse(request, "inspection/import_words.html", {"form": form})


@require_POST
def run_now(request):
    if not sees_all_findings(request.user):
        raise PermissionDenied
    found = inspect_site()
    messages.success(request, _("检查完成，共发现%(n)d个问题。") % {"n": len(found)})
    return redirect("inspection:report")
