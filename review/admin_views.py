"""Admin views: a page's approval chain, the CSV export, and the review reports (Wagtail ReportViews)."""

import io
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.models import Page, TaskState

from core.admin_reports import ListReportView, Row
from disclosure.models import Organisation

from . import records
from .confirmation import confirmation_message
from .departments import department_label, department_of_page

RECORDS_PERMISSION = "review.view_review_records"


def can_view_records(user):
    return user.is_superuser or user.has_perm(RECORDS_PERMISSION)


def page_record(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not (can_view_records(request.user) or page.permissions_for_user(request.user).can_edit()):
        raise PermissionDenied
    department = department_of_page(page)
    return TemplateResponse(
        request,
        "review/page_record.html",
        {
            "page": page,
            "department": department_label(department) if department else "",
            "drafters": records.page_drafters(page),
            "chain": records.page_chain(page),
            "workflow_state": page.current_workflow_state,
        },
    )


class ExportForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))
    department = forms.ModelChoiceField(
        label=_("部门"), queryset=Organisation.objects.all(), required=False, empty_label=_("全部部门")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].error_messages = {
                "required": _("请填写日期。"),
                "invalid": _("日期格式应为 2026-03-05。"),
            }
        self.fields["department"].error_messages["invalid_choice"] = _("所选部门不存在。")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("结束日期不能早于开始日期。"))
            if (end - start).days > 3660:
                raise forms.ValidationError(_("导出范围不能超过十年。"))
        return cleaned


def export(request):
    if not can_view_records(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    if "start" in request.GET or "end" in request.GET:
        form = ExportForm(request.GET)
        if form.is_valid():
            rows = records.export_rows(
                form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["department"]
            )
            stream = io.StringIO()
            records.write_csv(rows, stream)
            response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
            name = f"review-record-{form.cleaned_data['start']:%Y%m%d}-{form.cleaned_data['end']:%Y%m%d}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    else:
        form = ExportForm(initial={"start": today - timedelta(days=30), "end": today})
    return TemplateResponse(request, "review/export.html", {"form": form})


def _edit_url(row):
    return reverse("wagtailadmin_pages:edit", args=[row.page.pk])


def _record_url(row):
    return reverse("review_admin:page_record", args=[row.page.pk])


def _submitter(task_state):
    user = task_state.workflow_state.requested_by
    return records.user_display(user) if user else ""


class WaitingForMeReport(ListReportView):
    """The review steps the signed-in reviewer may act on now, and those they may not (and why)."""

    page_title = _("待我审核")
    header_icon = "tasks"
    index_url_name = "review_admin:waiting"
    index_results_url_name = "review_admin:waiting_results"
    no_results_message = _("目前没有等待您审核的稿件。")
    columns = [
        TitleColumn("title", label=_("标题"), get_url=_edit_url),
        Column("step", label=_("环节")),
        Column("submitter", label=_("提交人")),
        Column("started_at", label=_("开始时间")),
        Column("status", label=_("能否审核")),
        TitleColumn("review", label=_("操作"), get_url=_edit_url),
        TitleColumn("record", label=_("审核记录"), get_url=_record_url),
    ]
    list_export = ["title", "step", "submitter", "started_at", "status"]
    export_headings = {
        "title": "标题",
        "step": "环节",
        "submitter": "提交人",
        "started_at": "开始时间",
        "status": "能否审核",
    }

    def get(self, request, *args, **kwargs):
        done = request.GET.get("done", "")
        if done.isdigit() and not self.results_only:
            task_state = TaskState.objects.filter(pk=int(done), finished_by=request.user).first()
            message = confirmation_message(task_state) if task_state else ""
            if message:
                messages.success(request, message)
        return super().get(request, *args, **kwargs)

    def get_rows(self):
        actionable, blocked = records.waiting_for(self.request.user)
        rows = []
        for task_state, page in actionable:
            rows.append(self._row(task_state, page, _("可审核")))
        for task_state, page, reason in blocked:
            rows.append(self._row(task_state, page, _("不能审核：%(reason)s") % {"reason": reason}))
        return rows

    def _row(self, task_state, page, status):
        return Row(
            page,
            title=page.get_admin_display_title(),
            step=task_state.task.name,
            submitter=_submitter(task_state),
            started_at=timezone.localtime(task_state.started_at).strftime("%Y-%m-%d %H:%M"),
            status=status,
            review=_("审核"),
            record=_("审核记录"),
        )


class OverdueReport(ListReportView):
    """Review steps waiting longer than the limit in working days (official holidays and 调休 counted)."""

    page_title = _("超期任务")
    header_icon = "time"
    index_url_name = "review_admin:overdue"
    index_results_url_name = "review_admin:overdue_results"
    results_template_name = "review/overdue_results.html"
    permission_check = staticmethod(can_view_records)
    no_results_message = _("没有超期任务。")
    columns = [
        TitleColumn("title", label=_("标题"), get_url=_record_url),
        Column("step", label=_("环节")),
        Column("department", label=_("部门")),
        Column("started_at", label=_("开始时间")),
        Column("days", label=_("已等待（工作日）")),
    ]
    list_export = ["title", "step", "department", "started_at", "days"]
    export_headings = {
        "title": "标题",
        "step": "环节",
        "department": "部门",
        "started_at": "开始时间",
        "days": "已等待（工作日）",
    }

    def get_rows(self):
        self.limit = records.overdue_limit()
        self.found = records.overdue_states(self.limit)
        return [
            Row(
                page,
                title=page.get_admin_display_title(),
                step=task_state.task.name,
                department=department,
                started_at=timezone.localtime(task_state.started_at).strftime("%Y-%m-%d %H:%M"),
                days=days,
            )
            for task_state, page, department, days in self.found
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["limit"] = self.limit
        context["summary"] = records.overdue_summary(self.found)
        return context


STEPS = ["初审", "复审", "终审"]


class ThroughputReport(ListReportView):
    """Per department and month: submitted, approved at the final step, rejected, median hours per step."""

    page_title = _("审核统计")
    header_icon = "table"
    index_url_name = "review_admin:throughput"
    index_results_url_name = "review_admin:throughput_results"
    results_template_name = "review/throughput_results.html"
    permission_check = staticmethod(can_view_records)
    no_results_message = _("暂无审核数据。")
    columns = [
        Column("month", label=_("月份")),
        Column("department", label=_("部门")),
        Column("submitted", label=_("提交")),
        Column("approved", label=_("终审通过")),
        Column("rejected", label=_("退回")),
        *[Column(f"median_{index}", label=f"{step}用时中位数（小时）") for index, step in enumerate(STEPS)],
    ]
    list_export = ["month", "department", "submitted", "approved", "rejected", "median_0", "median_1", "median_2"]
    export_headings = {
        "month": "月份",
        "department": "部门",
        "submitted": "提交",
        "approved": "终审通过",
        "rejected": "退回",
        **{f"median_{index}": f"{step}用时中位数（小时）" for index, step in enumerate(STEPS)},
    }

    def get_rows(self):
        rows = []
        for number, row in enumerate(records.throughput(), start=1):
            medians = {f"median_{index}": row["medians"].get(step, "—") for index, step in enumerate(STEPS)}
            rows.append(
                Row(
                    type("Key", (), {"pk": number})(),
                    month=row["month"],
                    department=row["department"],
                    submitted=row["submitted"],
                    approved=row["approved"],
                    rejected=row["rejected"],
                    **medians,
                )
            )
        return rows
