"""Side effects of the review workflow: rejection e-mails, and the workflow on new section pages."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.dispatch import receiver
from django.urls import reverse

from wagtail.admin.mail import WorkflowStateRejectionEmailNotifier
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_rejected

from core.text import quoted_title

from .models import ReviewTaskState
from .rules import self_approval_reason
from .workflow import WORKFLOW_NAME, assign_review_workflow, is_section_page


def rejection_recipients(task_state):
    """The editor who submitted and everyone who approved an earlier step of this workflow run."""
    workflow_state = task_state.workflow_state
    user_ids = set()
    if workflow_state.requested_by_id:
        user_ids.add(workflow_state.requested_by_id)
    if task_state.revision.user_id:
        user_ids.add(task_state.revision.user_id)
    user_ids.update(
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .exclude(finished_by=None)
        .values_list("finished_by_id", flat=True)
    )
    user_ids.discard(task_state.finished_by_id)
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    return sorted({user.email for user in users})


# Wagtail's admin mails the submitter on every rejection too; this receiver takes its place
# (Django keeps only the first receiver connected under one dispatch_uid and sender, and this
# app is ready before wagtail.admin), so that a rejection sends each person one e-mail.
WAGTAIL_REJECTION_UID = "workflow_state_rejected_email_notification"


@receiver(workflow_rejected, sender=WorkflowState, dispatch_uid=WAGTAIL_REJECTION_UID)
def email_rejection(sender, instance, user=None, **kwargs):
    task_state = instance.current_task_state.specific if instance.current_task_state else None
    if not isinstance(task_state, ReviewTaskState):
        WorkflowStateRejectionEmailNotifier()(sender=sender, instance=instance, user=user, **kwargs)
        return
    recipients = rejection_recipients(task_state)
    if not recipients:
        return
    page = instance.content_object
    reviewer = (user.get_full_name() or user.get_username()) if user else ""
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])
    comment = task_state.comment.strip().rstrip("。")
    send_mail(
        subject=f"【{task_state.task.name}退回】{page.title}",
        message=(
            f"稿件{quoted_title(page.title)}在{task_state.task.name}环节被{reviewer}退回修改。\n\n"
            f"退回意见：{comment}。\n\n"
            f"请按意见修改后重新提交审核（重新提交后从初审开始）：{edit_url}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


@receiver(task_submitted, sender=ReviewTaskState)
def email_reviewers(sender, instance, user, **kwargs):
    """Tell the reviewers of the step (for 初审: the page's department only) that a draft waits for them."""
    task = instance.task.specific
    page = instance.workflow_state.content_object.specific
    reviewers = get_user_model().objects.filter(groups__in=task.groups.all(), is_active=True).exclude(email="")
    recipients = sorted(
        {
            reviewer.email
            for reviewer in reviewers.distinct()
            if task.user_is_reviewer(page, reviewer) and not self_approval_reason(page, reviewer)
        }
    )
    if not recipients:
        return
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])
    send_mail(
        subject=f"【待{task.name}】{page.title}",
        message=f"稿件{quoted_title(page.title)}已进入{task.name}环节，请及时审核：{edit_url}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


@receiver(page_published)
def assign_workflow_to_new_section(sender, instance, **kwargs):
    """A freshly published section page gets the review workflow unless it already has it."""
    if not is_section_page(instance):
        return
    workflow = instance.get_workflow()
    if workflow is not None and workflow.name == WORKFLOW_NAME:
        return
    assign_review_workflow(instance)
