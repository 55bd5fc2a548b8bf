"""The gates: editors cannot publish, no self-approval, departments, the personal-data scan."""

import json
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

import pytest

from core.identifiers import id_card_check_character
from disclosure.models import PolicyDocumentPage
from review.models import ReviewTaskState

from .helpers import checklist, create_and_submit, current_task_state, edit_page, workflow_action

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002" + id_card_check_character("11010519491231002")


def approve_all(as_user, page):
    for username, extra in (("reviewer1_finance", checklist()), ("reviewer2", {}), ("reviewer3", {})):
        response, payload = workflow_action(as_user(username), page, "approve", comment="同意", **extra)
        assert payload["step"] == "success", (username, payload)
    page.refresh_from_db()


def test_editor_cannot_publish(tree, users, as_user):
    client = as_user("editor_finance")
    page = create_and_submit(client, tree["finance_catalogue"], tree["finance"])
    page.current_workflow_state.cancel(user=users["editor_finance"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert 'name="action-publish"' not in response.content.decode()
    assert 'name="action-submit"' in response.content.decode()
    edit_page(client, page, tree["finance"], action="action-publish")
    page.refresh_from_db()
    assert not page.live
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_reviewer_cannot_approve_own_edit(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    # The 初审 reviewer may open the editor during their step; once they save a change it is their edit.
    client = as_user("reviewer1_finance")
    response = edit_page(client, page, tree["finance"], action=None, text="初审人员改写的正文。")
    assert response.status_code == 302
    assert Revision.page_revisions.filter(object_id=str(page.pk), user=users["reviewer1_finance"]).exists()

    response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert response.status_code == 403
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert "谁起草不审核" in response.content.decode()
    response = client.get(reverse("review_admin:waiting"))
    assert "谁起草不审核" in response.content.decode()

    # Going through the page editor's own workflow action is refused too, with the reason.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            **__import__("review.tests.helpers", fromlist=["document_form"]).document_form(
                tree["finance"], slug=page.slug
            ),
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": "同意", **dict.fromkeys(checklist(), True)}),
        },
    )
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS


def test_submitter_in_reviewing_group_cannot_approve(tree, users, as_user):
    from django.contrib.auth.models import Group

    editor = users["editor_finance"]
    editor.groups.add(Group.objects.get(name="初审"), Group.objects.get(name="初审-市财政局"))
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    response, _payload = workflow_action(as_user("editor_finance"), page, "approve", comment="同意", **checklist())
    assert response.status_code == 403
    response, payload = workflow_action(as_user("reviewer1_finance"), page, "approve", **checklist())
    assert payload["step"] == "success"


def test_other_department_cannot_edit_or_review(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    client = as_user("editor_education")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (302, 403)
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    edit_page(client, page, tree["finance"], action=None, text="越权修改")
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == before
    # Nor may they add pages to the finance catalogue.
    add_url = reverse("wagtailadmin_pages:add", args=["disclosure", "policydocumentpage", tree["finance_catalogue"].pk])
    assert client.get(add_url).status_code in (302, 403)

    # 初审 is per department: the education reviewer neither sees nor acts on the finance draft.
    client = as_user("reviewer1_education")
    response, _payload = workflow_action(client, page, "approve", **checklist())
    assert response.status_code == 403
    record_link = reverse("review_admin:page_record", args=[page.pk])
    assert record_link not in client.get(reverse("review_admin:waiting")).content.decode()
    assert record_link in as_user("reviewer1_finance").get(reverse("review_admin:waiting")).content.decode()


def test_id_number_blocks_approval_until_justified(tree, users, as_user):
    page = create_and_submit(
        as_user("editor_finance"),
        tree["finance_catalogue"],
        tree["finance"],
        text=f"联系人身份证号{ID_NUMBER}，电话13800138000。",
    )
    client = as_user("reviewer1_finance")
    form = client.get(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", current_task_state(page).pk]),
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    html = json.loads(form.content)["html"]
    assert "身份证号码" in html and "110105********" in html and "手机号码" in html
    assert ID_NUMBER not in html

    response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert payload["step"] == "action"
    assert "发现疑似个人信息" in payload["html"]
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS

    response, payload = workflow_action(
        client,
        page,
        "approve",
        comment="同意",
        personal_data_reason="该号码为公开的单位办公号码，经本人同意公开。",
        **checklist(),
    )
    assert payload["step"] == "success"
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert entry.data["review"]["personal_data_reason"].startswith("该号码为公开的单位办公号码")
    assert {hit["kind"] for hit in entry.data["review"]["personal_data_hits"]} == {"身份证号码", "手机号码"}
    assert ID_NUMBER not in json.dumps(entry.data, ensure_ascii=False)


def test_removing_the_number_lets_approval_through(tree, users, as_user):
    page = create_and_submit(
        as_user("editor_finance"), tree["finance_catalogue"], tree["finance"], summary=f"申请人{ID_NUMBER}"
    )
    response, payload = workflow_action(as_user("reviewer1_finance"), page, "reject", comment="请删除身份证号码。")
    assert payload["step"] == "success"
    response = edit_page(as_user("editor_finance"), page, tree["finance"], summary="申请人信息已删除。")
    assert response.status_code == 302
    response, payload = workflow_action(as_user("reviewer1_finance"), page, "approve", **checklist())
    assert payload["step"] == "success"
    assert ReviewTaskStateHits.latest(page) == []


class ReviewTaskStateHits:
    @staticmethod
    def latest(page):

        return (
            ReviewTaskState.objects.filter(workflow_state__object_id=str(page.pk), status="approved")
            .latest("finished_at")
            .personal_data_hits
        )


def test_scheduled_publishing_waits_for_final_approval(tree, users, as_user):
    go_live = timezone.localtime(timezone.now() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"], go_live_at=go_live)
    for username, extra in (("reviewer1_finance", checklist()), ("reviewer2", {})):
        workflow_action(as_user(username), page, "approve", **extra)
    # Even once the go-live time has passed, nothing is published before 终审.
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert not Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()

    workflow_action(as_user("reviewer3"), page, "approve")
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet due
    scheduled = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    # The go-live time arrives.
    past = timezone.now() - timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_editing_live_page_restarts_workflow_and_keeps_live_version(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    approve_all(as_user, page)
    assert page.live
    live_revision_id = page.live_revision_id

    response = edit_page(
        as_user("editor_finance"), page, tree["finance"], title="关于下达2027年度部门预算的通知（修订）"
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(page).task.name == "初审"
    live = PolicyDocumentPage.objects.get(pk=page.pk)
    assert live.live and live.live_revision_id == live_revision_id
    assert live.title == "关于下达2027年度部门预算的通知"
    assert live.has_unpublished_changes

    approve_all(as_user, page)
    assert page.title.endswith("（修订）")
    assert page.live_revision_id != live_revision_id


def _editor_action(client, page, action, extra):
    """Submit the page editor's form exactly as loaded, with a workflow action from its footer menu."""
    from wagtail.test.utils.form_data import querydict_from_html, rich_text

    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    # The StreamField is drawn by JavaScript: post its blocks as the browser would, ids included.
    blocks = page.get_latest_revision_as_object().body.raw_data
    data["body-count"] = str(len(blocks))
    for index, block in enumerate(blocks):
        data[f"body-{index}-type"] = block["type"]
        data[f"body-{index}-value"] = rich_text(block["value"])
        data[f"body-{index}-id"] = block["id"]
        data[f"body-{index}-order"] = str(index)
        data[f"body-{index}-deleted"] = ""
    data["action-workflow-action"] = "1"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = json.dumps(extra, ensure_ascii=False)
    return client.post(url, data)


def test_actions_from_the_page_editor(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    client = as_user("reviewer1_finance")
    # Data that skipped the modal form (no checklist) is refused with a message; nothing changes.
    response = _editor_action(client, page, "approve", {"comment": "同意"})
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any("保密审查" in message for message in messages)
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS
    assert current_task_state(page).task.name == "初审"

    response = _editor_action(client, page, "approve", {"comment": "同意", **dict.fromkeys(checklist(), True)})
    assert response.status_code == 302
    assert current_task_state(page).task.name == "复审"
    # Saving the unchanged form on the way is not an edit: the approval stands for the latest revision.
    approved = TaskState.objects.get(status=TaskState.STATUS_APPROVED)
    assert approved.revision_id == page.get_latest_revision().pk
