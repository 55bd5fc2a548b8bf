"""At review: findings highlighted for editor and reviewers, 严重错误 block approval until fixed or justified."""

import json

from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from disclosure.models import PolicyDocumentPage

pytestmark = pytest.mark.django_db
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
CHECKLIST = {
    "no_state_secret": "on",
    "no_commercial_secret": "on",
    "no_personal_information": "on",
    "disclosure_attribute_correct": "on",
}


def document_form(organisation, text, slug="peixun-tongzhi"):
    return nested_form_data(
        {
            "title": "关于举办政务公开培训的通知",
            "slug": slug,
            "organisation": organisation.pk,
            "formed_on": "2026-11-02",
            "published_at": "2026-11-03 09:00",
            "rank": "other",
            "validity": "valid",
            "disclosure_method": "proactive",
            "disclosure_scope": "public",
            "summary": "举办培训。",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "successors": inline_formset([]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def submit(client, site_tree, text):
    url = reverse(
        "wagtailadmin_pages:add", args=["disclosure", "policydocumentpage", site_tree["finance_catalogue"].pk]
    )
    response = client.post(url, {**document_form(site_tree["finance"], text), "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return PolicyDocumentPage.objects.get(slug="peixun-tongzhi")


def approve(client, page, **data):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"review_task_state": task_state.pk, "comment": "同意", **data}, **XHR)
    return json.loads(response.content)


def test_severe_word_blocks_every_step_until_justified(site_tree, users, client):
    client.force_login(users["editor_finance"])
    page = submit(client, site_tree, "根据国务院办公室的通知，现举办培训。")
    # The editor saw the finding while editing, highlighted, with a link to the full check.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert '<mark class="inspection-mark">国务院办公室</mark>' in html
    assert "其中严重错误 1 个" in html
    check = client.get(reverse("inspection:page_check", args=[page.pk])).content.decode()
    assert "应为“国务院办公厅”" in check and "发现 1 处严重错误" in check

    for username, extra in (("reviewer1_finance", CHECKLIST), ("reviewer2", {}), ("reviewer3", {})):
        client.force_login(users[username])
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert '<mark class="inspection-mark">国务院办公室</mark>' in html, username
        payload = approve(client, page, **extra)
        assert payload["step"] == "action", username
        assert "内容检查发现严重错误" in payload["html"] and "国务院办公室" in payload["html"]
        page.refresh_from_db()
        assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
        payload = approve(client, page, check_reason="引用的是历史文件原文，按原文照录。", **extra)
        assert payload["step"] == "success", username

    page.refresh_from_db()
    assert page.live
    entries = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    assert entries.count() == 3
    for entry in entries:
        assert entry.data["review"]["check_reason"] == "引用的是历史文件原文，按原文照录。"
        assert entry.data["review"]["check_findings"][0]["value"] == "“国务院办公室”（机构名称错误）"


def test_fixed_text_passes_and_general_errors_do_not_block(site_tree, users, client):
    client.force_login(users["editor_finance"])
    page = submit(client, site_tree, "根据国务院办公室的通知，现举办培训。")
    client.force_login(users["reviewer1_finance"])
    payload = approve(client, page, **CHECKLIST)
    assert payload["step"] == "action"
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    response = client.post(url, {"review_task_state": task_state.pk, "comment": "机构名称有误。"}, **XHR)
    assert json.loads(response.content)["step"] == "success"
    client.force_login(users["editor_finance"])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(
        url,
        {
            **document_form(site_tree["finance"], "根据国务院办公厅通知，市人力资源与社会保障局举办培训。"),
            "action-submit": "1",
        },
    )
    assert response.status_code == 302
    client.force_login(users["reviewer1_finance"])
    payload = approve(client, page, **CHECKLIST)
    assert payload["step"] == "success"
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert entry.data["review"]["check_reason"] == ""
    assert [f["kind"] for f in entry.data["review"]["check_findings"]] == ["一般错误"]
