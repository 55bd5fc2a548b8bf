"""After a review action: where the reviewer lands, what they are told, who gets mail, who may withdraw."""

from django.core import mail
from django.urls import reverse

from wagtail.models import PageLogEntry, WorkflowState

from review import records

from .helpers import checklist, create_and_submit, current_task_state, document_form, edit_page, workflow_action


def test_first_reviewer_lands_on_waiting_list_with_confirmation(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    client = as_user("reviewer1_finance")
    response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert payload["step"] == "success"
    assert payload["redirect"].startswith(reverse("review_admin:waiting"))
    # The reviewer may no longer edit the page (it is at 复审), yet the landing page is theirs.
    landing = client.get(payload["redirect"], follow=True)
    text = landing.content.decode()
    assert landing.status_code == 200
    assert "初审已通过，已转复审" in text
    assert "没有权限" not in text


def test_final_approval_confirms_publication(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    for username, extra in (("reviewer1_finance", checklist()), ("reviewer2", {}), ("reviewer3", {})):
        client = as_user(username)
        response, payload = workflow_action(client, page, "approve", comment="同意", **extra)
    text = client.get(payload["redirect"]).content.decode()
    assert "终审已通过，审核完成，已发布" in text


def test_someone_elses_step_is_not_confirmed(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    task_state = current_task_state(page)
    workflow_action(as_user("reviewer1_finance"), page, "approve", comment="同意", **checklist())
    text = as_user("reviewer2").get(f"{reverse('review_admin:waiting')}?done={task_state.pk}").content.decode()
    assert "已转复审" not in text
    assert as_user("reviewer2").get(f"{reverse('review_admin:waiting')}?done=abc").status_code == 200


def test_one_rejection_sends_each_person_one_email(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    workflow_action(as_user("reviewer1_finance"), page, "approve", comment="同意", **checklist())
    mail.outbox.clear()
    client = as_user("reviewer2")
    response, payload = workflow_action(client, page, "reject", comment="请补充依据。")
    recipients = [address for message in mail.outbox for address in message.to]
    assert sorted(recipients) == ["editor_finance@example.gov.cn", "reviewer1_finance@example.gov.cn"]
    [message] = mail.outbox
    assert "退回意见：请补充依据。\n" in message.body  # no doubled 。
    assert "已退回修改" in client.get(payload["redirect"]).content.decode()


def test_rejection_banner_tells_the_editor_what_to_do(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    workflow_action(as_user("reviewer1_finance"), page, "reject", comment="请补充依据。")
    text = as_user("editor_finance").get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "退回意见：请补充依据。下一步" in text
    assert "。。" not in text
    assert "重新提交至初审" in text


def test_first_reviewer_is_not_offered_cancel_workflow(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    client = as_user("reviewer1_finance")
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "审核通过" in editor
    assert 'name="action-cancel-workflow"' not in editor
    data = document_form(tree["finance"], slug=page.slug)
    data["action-cancel-workflow"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The submitter still may withdraw the draft.
    submitter = as_user("editor_finance").get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="action-cancel-workflow"' in submitter


def test_consecutive_saves_are_one_record_entry(tree, users, as_user):
    client = as_user("editor_finance")
    page = create_and_submit(client, tree["finance_catalogue"], tree["finance"])
    workflow_action(as_user("reviewer1_finance"), page, "reject", comment="请补充依据。")
    client = as_user("editor_finance")
    for n in range(4):  # autosave or repeated 保存草稿
        assert edit_page(client, page, tree["finance"], action=None, text=f"第{n}稿").status_code == 302
    assert PageLogEntry.objects.filter(page=page, action="wagtail.edit").count() >= 4
    labels = [row["action_label"] for row in records.page_chain(page)]
    # The rejection, then one entry for the four saves after it.
    assert labels[-2:] == ["退回修改", "编辑（保存4次）"]
