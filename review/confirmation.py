"""What a reviewer is told after acting on a draft, and where they land (the 待我审核 list).

Wagtail sends a reviewer back to the page editor after an action, which they can no longer
open once the draft has moved on to the next step; the 待我审核 list is always theirs.
"""

from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState

from core.text import quoted_title


def landing_url(task_state):
    """The 待我审核 list, naming the step just acted on so that it can confirm the action."""
    return f"{reverse('review_admin:waiting')}?done={task_state.pk}"


def last_action_by(user, page):
    """The step of ``page`` that ``user`` finished most recently."""
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type__model="page",
            workflow_state__object_id=str(page.pk),
            finished_by=user,
        )
        .exclude(finished_at=None)
        .order_by("-finished_at", "-pk")
        .first()
    )


def confirmation_message(task_state):
    """E.g. "初审已通过，已转复审：《…》"; only for a step the reader finished themselves."""
    workflow_state = task_state.workflow_state
    step = task_state.task.name
    title = quoted_title(workflow_state.content_object.get_admin_display_title())
    if task_state.status == TaskState.STATUS_REJECTED:
        return f"{step}已退回修改，已通知提交人：{title}"
    if task_state.status != TaskState.STATUS_APPROVED:
        return ""
    later = workflow_state.task_states.filter(pk__gt=task_state.pk).order_by("pk").first()
    if later is not None and later.status == TaskState.STATUS_IN_PROGRESS:
        return f"{step}已通过，已转{later.task.name}：{title}"
    if workflow_state.status == workflow_state.STATUS_APPROVED:
        page = workflow_state.content_object
        if page.go_live_at and not page.live:
            return f"{step}已通过，审核完成，将于{timezone.localtime(page.go_live_at):%Y-%m-%d %H:%M}定时发布：{title}"
        return f"{step}已通过，审核完成，已发布：{title}"
    return f"{step}已通过：{title}"
