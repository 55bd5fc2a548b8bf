"""Admin views: a page's approval chain, the CSV export and the review reports."""

import io
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.models import Page, TaskState

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


def waiting_for_me(request):
    done = request.GET.get("done", "")
    if done.isdigit():
        task_state = TaskState.objects.filter(pk=int(done), finished_by=request.user).first()
        message = confirmation_message(task_state) if task_state else ""
        if message:
            messages.success(request, message)
    actionable, blocked = records.waiting_for(request.user)
    return TemplateResponse(request, "review/waiting_for_me.html", {"actionable": actionable, "blocked": blocked})


def overdue(request):
    if not can_view_records(request.user):
        raise PermissionDenied
    limit = records.overdue_limit()
    rows = records.overdue_states(limit)
    return TemplateResponse(
        request,
        "review/overdue.html",
        {"limit": limit, "rows": rows, "summary": records.overdue_summary(rows)},
    )


def throughput(request):
    if not can_view_records(request.user):
        raise PermissionDenied
    rows = records.throughput()
    steps = ["初审", "复审", "终审"]
    for row in rows:
        row["median_list"] = [row["medians"].get(step) for step in steps]
    return TemplateResponse(request, "review/throughput.html", {"rows": rows, "steps": steps})
