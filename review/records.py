"""The approval chain of a page, read from Wagtail's audit log and task states (never a copy)."""

import csv
import statistics
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Revision, TaskState

from disclosure.exporting import spreadsheet_safe
from disclosure.workdays import working_days_between

from .departments import department_label, department_of_page, department_roots
from .models import CHECKLIST, FinalReviewTask

ACTION_LABELS = {
    "wagtail.create": "创建草稿",
    "wagtail.edit": "编辑",
    "wagtail.workflow.start": "提交审核",
    "wagtail.workflow.resume": "修改后重新提交",
    "wagtail.workflow.approve": "审核通过",
    "wagtail.workflow.reject": "退回修改",
    "wagtail.workflow.cancel": "撤回审核",
    "wagtail.publish": "发布",
    "wagtail.publish.scheduled": "定时发布",
    "wagtail.schedule.revision": "设定定时发布",
    "wagtail.unpublish": "取消发布",
}
CHAIN_ACTIONS = list(ACTION_LABELS)
CSV_ACTIONS = [action for action in CHAIN_ACTIONS if action != "wagtail.edit"]
CHECKLIST_LABELS = dict(CHECKLIST)


def user_display(user):
    if user is None:
        return "系统"
    return user.get_full_name() or user.get_username()


def _entry_row(entry):
    data = entry.data or {}
    workflow = data.get("workflow") or {}
    review = data.get("review") or {}
    checklist = review.get("checklist") or {}
    confirmed = [str(CHECKLIST_LABELS[name]) for name, value in checklist.items() if value and name in CHECKLIST_LABELS]
    hits = review.get("personal_data_hits") or []
    return {
        "timestamp": timezone.localtime(entry.timestamp),
        "action": entry.action,
        "action_label": ACTION_LABELS.get(entry.action, entry.action),
        "user": user_display(entry.user),
        "step": (workflow.get("task") or {}).get("title", ""),
        "comment": data.get("comment", "") if entry.action.startswith("wagtail.workflow.") else "",
        "confidentiality": "；".join(confirmed) if review.get("confidentiality_confirmed") else "",
        "personal_data_hits": "；".join(f"{hit['field']} {hit['kind']} {hit['value']}" for hit in hits),
        "personal_data_reason": review.get("personal_data_reason", ""),
        "revision_id": entry.revision_id,
    }


def page_chain(page):
    """Every step of the page's life that matters for accountability, oldest first."""
    entries = (
        PageLogEntry.objects.filter(page=page, action__in=CHAIN_ACTIONS)
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    return [_entry_row(entry) for entry in entries]


def page_drafters(page):
    """Authors of the page's revisions, with how many revisions each saved."""
    counts = defaultdict(int)
    users = {}
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)).select_related("user"):
        key = revision.user_id
        counts[key] += 1
        users[key] = revision.user
    return [(user_display(users[key]), count) for key, count in counts.items()]


def export_rows(start, end, organisation=None):
    """Audit-log rows of review actions between two dates (inclusive), optionally for one department."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    entries = (
        PageLogEntry.objects.filter(action__in=CSV_ACTIONS, timestamp__gte=since, timestamp__lt=until)
        .select_related("user", "page")
        .order_by("timestamp", "pk")
    )
    roots = department_roots()
    authors = {}
    rows = []
    for entry in entries:
        page = entry.page
        department = department_of_page(page, roots) if page else None
        if organisation is not None and (department is None or department.pk != organisation.pk):
            continue
        if entry.revision_id and entry.revision_id not in authors:
            revision = Revision.objects.filter(pk=entry.revision_id).select_related("user").first()
            authors[entry.revision_id] = user_display(revision.user) if revision else ""
        row = _entry_row(entry)
        row.update(
            page_id=entry.page_id,
            title=entry.label,
            department=department_label(department) if department else "",
            drafter=authors.get(entry.revision_id, ""),
        )
        rows.append(row)
    return rows


CSV_COLUMNS = [
    ("timestamp", "时间"),
    ("department", "部门"),
    ("page_id", "页面ID"),
    ("title", "标题"),
    ("step", "审核环节"),
    ("action_label", "操作"),
    ("user", "操作人"),
    ("drafter", "稿件起草人"),
    ("comment", "审核意见"),
    ("confidentiality", "保密审查确认"),
    ("personal_data_hits", "个人信息扫描结果"),
    ("personal_data_reason", "保留理由"),
]


def write_csv(rows, stream):
    stream.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM.
    writer = csv.writer(stream)
    writer.writerow([label for _key, label in CSV_COLUMNS])
    for row in rows:
        values = []
        for key, _label in CSV_COLUMNS:
            value = row.get(key, "")
            if isinstance(value, datetime):
                value = value.strftime("%Y-%m-%d %H:%M:%S")
            values.append(spreadsheet_safe(value))
        writer.writerow(values)


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


def overdue_limit():
    return getattr(settings, "GONGKAI_REVIEW_OVERDUE_DAYS", 2)


def _department_name(page, roots):
    department = department_of_page(page, roots)
    return department_label(department) if department else "未划分部门"


def in_progress_review_states():
    return (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__status="in_progress")
        .select_related("task", "workflow_state", "revision__user")
        .order_by("started_at")
    )


def waiting_days(task_state, today=None):
    today = today or timezone.localdate()
    return working_days_between(timezone.localtime(task_state.started_at).date(), today)


def overdue_states(limit=None, today=None):
    """(task_state, page, department, working days waited) for steps waiting longer than ``limit`` working days."""
    limit = overdue_limit() if limit is None else limit
    roots = department_roots()
    rows = []
    for task_state in in_progress_review_states():
        days = waiting_days(task_state, today)
        if days > limit:
            page = Page.objects.filter(pk=task_state.workflow_state.object_id).first()
            if page is not None:
                rows.append((task_state, page, _department_name(page, roots), days))
    return rows


def overdue_summary(rows):
    """Counts of overdue steps per (step, department)."""
    summary = defaultdict(int)
    for task_state, _page, department, _days in rows:
        summary[(task_state.task.name, department)] += 1
    return sorted(summary.items())


def throughput(since=None):
    """Per department and month: submitted, approved (final step), rejected, median hours per step."""
    roots = department_roots()
    pages = {}

    def department_for(object_id):
        if object_id not in pages:
            page = Page.objects.filter(pk=object_id).first()
            pages[object_id] = _department_name(page, roots) if page else "已删除页面"
        return pages[object_id]

    table = defaultdict(lambda: {"submitted": 0, "approved": 0, "rejected": 0, "durations": defaultdict(list)})
    submissions = PageLogEntry.objects.filter(action__in=["wagtail.workflow.start", "wagtail.workflow.resume"])
    if since:
        submissions = submissions.filter(timestamp__gte=since)
    for entry in submissions.only("page_id", "timestamp"):
        month = timezone.localtime(entry.timestamp).strftime("%Y-%m")
        table[(department_for(str(entry.page_id)), month)]["submitted"] += 1

    finished = TaskState.objects.filter(
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED], finished_at__isnull=False
    ).select_related("task", "workflow_state")
    if since:
        finished = finished.filter(finished_at__gte=since)
    final_task_ids = set(FinalReviewTask.objects.values_list("pk", flat=True))
    for task_state in finished:
        month = timezone.localtime(task_state.finished_at).strftime("%Y-%m")
        row = table[(department_for(task_state.workflow_state.object_id), month)]
        if task_state.status == TaskState.STATUS_REJECTED:
            row["rejected"] += 1
        elif task_state.task_id in final_task_ids:
            row["approved"] += 1
        hours = (task_state.finished_at - task_state.started_at).total_seconds() / 3600
        row["durations"][task_state.task.name].append(hours)

    result = []
    for (department, month), row in sorted(table.items(), key=lambda item: (item[0][1], item[0][0]), reverse=True):
        medians = {step: round(statistics.median(values), 1) for step, values in row["durations"].items()}
        result.append(
            {
                "department": department,
                "month": month,
                "submitted": row["submitted"],
                "approved": row["approved"],
                "rejected": row["rejected"],
                "medians": medians,
            }
        )
    return result


def waiting_for(user):
    """Task states ``user`` may act on now, and those they may not because they edited the draft."""
    from .rules import self_approval_reason

    actionable, blocked = [], []
    for task_state in (
        TaskState.objects.reviewable_by(user).select_related("task", "workflow_state").order_by("started_at")
    ):
        page = Page.objects.filter(pk=task_state.workflow_state.object_id).first()
        if page is None:
            continue
        page = page.specific
        reason = self_approval_reason(page, user)
        if reason:
            blocked.append((task_state, page, reason))
        else:
            actionable.append((task_state, page))
    return actionable, blocked
