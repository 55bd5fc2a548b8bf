"""Admin integration: the 审核 menu, the 审核记录 button, and explanations on the page editor."""

import json

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button, ListingButton
from wagtail.models import WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .admin_views import can_view_records
from .confirmation import landing_url, last_action_by
from .models import DepartmentGroup, ReviewTask
from .records import user_display
from .rules import self_approval_reason, validate_action


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("review/", include(admin_urls, namespace="review_admin"))]


class RecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_records(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu():
    menu = Menu(
        items=[
            MenuItem("待我审核", reverse("review_admin:waiting"), name="review-waiting", icon_name="tasks", order=100),
            RecordsMenuItem(
                "超期任务", reverse("review_admin:overdue"), name="review-overdue", icon_name="time", order=200
            ),
            RecordsMenuItem(
                "审核统计", reverse("review_admin:throughput"), name="review-throughput", icon_name="table", order=300
            ),
            RecordsMenuItem(
                "审核记录导出", reverse("review_admin:export"), name="review-export", icon_name="download", order=400
            ),
        ]
    )
    return SubmenuMenuItem("审核", menu, name="review", icon_name="clipboard-list", order=250)


def _record_button(page, user, button_class, priority):
    if page.depth <= 1:
        return []
    if not (can_view_records(user) or page.permissions_for_user(user).can_edit()):
        return []
    return [
        button_class(
            "审核记录",
            reverse("review_admin:page_record", args=[page.pk]),
            icon_name="history",
            priority=priority,
            attrs={"aria-label": f"查看“{page.get_admin_display_title()}”的审核记录"},
        )
    ]


@hooks.register("register_page_header_buttons")
def page_header_record_button(page, user, view_name, next_url=None):
    return _record_button(page, user, Button, 66)


@hooks.register("register_page_listing_more_buttons")
def page_listing_record_button(page, user, next_url=None):
    return _record_button(page, user, ListingButton, 55)


def _review_task(page):
    task = page.current_workflow_task
    return task if isinstance(task, ReviewTask) else None


@hooks.register("before_edit_page")
def explain_review_state(request, page):
    """Show the editor the rejection comment; tell a reviewer why they cannot approve; refuse bad data."""
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return None
    task_state = workflow_state.current_task_state
    if request.method == "POST":
        if request.POST.get("action-cancel-workflow") and not may_cancel_workflow(request.user, workflow_state):
            messages.error(request, "只有提交人可以撤回审核；审核人请选择“审核通过”或“退回修改”。")
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        if request.POST.get("action-workflow-action") and _review_task(page):
            return _check_editor_workflow_action(request, page, task_state)
        return None
    if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES and task_state and task_state.comment:
        when = timezone.localtime(task_state.finished_at).strftime("%Y-%m-%d %H:%M") if task_state.finished_at else ""
        comment = task_state.comment.strip().rstrip("。.")
        messages.warning(
            request,
            f"{task_state.task.name}退回修改（{user_display(task_state.finished_by)}，{when}）。退回意见：{comment}。"
            f"下一步：按意见修改后，在页面底部的操作菜单中选择“重新提交至{task_state.task.name}”，"
            "稿件将从初审开始重新审核。",
        )
    elif workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        task = _review_task(page)
        if task and task.user_is_reviewer(page, request.user):
            reason = self_approval_reason(page, request.user)
            if reason:
                messages.info(request, reason)
    return None


def may_cancel_workflow(user, workflow_state):
    """Only the submitter (or the page's owner) withdraws a draft; a reviewer approves or sends it back."""
    if user.is_superuser or workflow_state.requested_by_id == user.pk:
        return True
    owner_id = getattr(workflow_state.content_object, "owner_id", None)
    return owner_id is not None and owner_id == user.pk


@hooks.register("construct_page_action_menu")
def hide_cancel_workflow_from_reviewers(menu_items, request, context):
    page = context.get("page")
    workflow_state = page.current_workflow_state if page is not None and page.pk else None
    if workflow_state is None or may_cancel_workflow(request.user, workflow_state):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-cancel-workflow"]


@hooks.register("after_edit_page")
def land_reviewer_on_waiting_list(request, page):
    """After approving or rejecting in the editor, confirm it on 待我审核 (the editor may be closed to them now)."""
    if not request.POST.get("action-workflow-action"):
        return None
    task_state = last_action_by(request.user, page)
    if task_state is None:
        return None
    return redirect(landing_url(task_state))


def _check_editor_workflow_action(request, page, task_state):
    task = _review_task(page)
    action = request.POST.get("workflow-action-name", "")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    reason = self_approval_reason(page, request.user)
    if reason and task.user_is_reviewer(page, request.user):
        messages.error(request, reason)
        return redirect(edit_url)
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict) or validate_action(task, task_state.specific, action, data) is None:
        messages.error(
            request, "审核操作未完成：退回须填写意见，初审通过须确认保密审查清单，发现个人信息须删除或填写保留理由。"
        )
        return redirect(edit_url)
    if task.user_is_reviewer(page, request.user):
        # A reviewer acts on the submitted revision: Wagtail would first save the editor form as a
        # revision of theirs (the form rarely round-trips unchanged), which makes them a drafter whom
        # the no-self-approval rule then refuses. Their action is taken here, and they land on 待我审核.
        task.on_action(task_state.specific, request.user, action, **data)
        return redirect(landing_url(task_state))
    return None


class DepartmentGroupViewSet(SnippetViewSet):
    """Which group is which department's editors or 初审 reviewers."""

    model = DepartmentGroup
    icon = "group"
    menu_label = "部门用户组"
    add_to_settings_menu = True
    list_display = ["group", "organisation", "role"]
    list_filter = ["role", "organisation"]
    panels = [FieldPanel("group"), FieldPanel("organisation"), FieldPanel("role")]


register_snippet(DepartmentGroupViewSet)
