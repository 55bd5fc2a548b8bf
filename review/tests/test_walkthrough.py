"""The whole path: draft, 初审 with checklist, 复审 rejects, resubmit, three approvals, live."""

from django.core import mail
from django.urls import reverse

from wagtail.models import TaskState, WorkflowState

import pytest

from disclosure.models import PolicyDocumentPage
from review.models import ReviewTaskState

from .helpers import checklist, create_and_submit, current_task_state, edit_page, workflow_action

pytestmark = pytest.mark.django_db


def test_reject_once_approve_three_times(tree, users, as_user):
    client = as_user("editor_finance")
    page = create_and_submit(client, tree["finance_catalogue"], tree["finance"])
    assert not page.live
    assert current_task_state(page).task.name == "初审"
    # Only the drafting department's 初审 reviewers are told.
    [notice] = [message for message in mail.outbox if message.subject.startswith("【待初审】")]
    assert notice.to == ["reviewer1_finance@example.gov.cn"]

    # 初审 approves with the checklist and a comment.
    client = as_user("reviewer1_finance")
    response, payload = workflow_action(client, page, "approve", comment="同意，保密审查无问题。", **checklist())
    assert payload["step"] == "success", payload
    first = ReviewTaskState.objects.get(task__name="初审", status=TaskState.STATUS_APPROVED)
    assert first.finished_by == users["reviewer1_finance"]
    assert first.confidentiality_confirmed
    assert current_task_state(page).task.name == "复审"

    # 复审 rejects with a comment: back to the editor, e-mail to the editor and the 初审 approver.
    mail.outbox.clear()
    client = as_user("reviewer2")
    response, payload = workflow_action(client, page, "reject", comment="请补充预算下达依据。")
    assert payload["step"] == "success"
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    review_mails = [message for message in mail.outbox if "退回" in message.subject]
    assert len(review_mails) == 1
    assert set(review_mails[0].to) == {"editor_finance@example.gov.cn", "reviewer1_finance@example.gov.cn"}
    assert "请补充预算下达依据。" in review_mails[0].body

    # The editor sees the comment in the editor, edits and resubmits.
    client = as_user("editor_finance")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "请补充预算下达依据。" in response.content.decode()
    response = edit_page(client, page, tree["finance"], text="依据《预算法》，现将预算下达给你们。")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The edit restarts the review from 初审 (re-approval on edit).
    assert current_task_state(page).task.name == "初审"

    for username, extra in (("reviewer1_finance", checklist()), ("reviewer2", {}), ("reviewer3", {})):
        client = as_user(username)
        response, payload = workflow_action(client, page, "approve", comment=f"{username}同意", **extra)
        assert payload["step"] == "success", (username, payload)

    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    # What is live is the resubmitted text (the public template belongs to the disclosure app).
    live = PolicyDocumentPage.objects.live().get(pk=page.pk)
    assert "依据《预算法》" in str(live.body.raw_data)
    assert live.live_revision.user == users["editor_finance"]

    # The full chain is visible in the admin record.
    record = as_user("supervisor").get(reverse("review_admin:page_record", args=[page.pk])).content.decode()
    for expected in (
        "提交审核",
        "退回修改",
        "请补充预算下达依据。",
        "reviewer3同意",
        "不涉及国家秘密",
        "修改后重新提交",
    ):
        assert expected in record, expected


def test_first_review_refuses_without_checklist(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    client = as_user("reviewer1_finance")
    response, payload = workflow_action(client, page, "approve", comment="同意", **checklist(no_state_secret=""))
    assert payload["step"] == "action"
    assert "保密审查须逐项确认后才能通过。" in payload["html"]
    assert current_task_state(page).task.name == "初审"
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS


def test_rejection_without_comment_is_refused(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    client = as_user("reviewer1_finance")
    response, payload = workflow_action(client, page, "reject", comment="   ")
    assert payload["step"] == "action"
    assert "退回修改必须填写审核意见" in payload["html"]
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS
