"""The holes closed in the review rules: co-editors, one person two steps, the scan's reach."""

import json

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from consultations.models import ConsultationIndexPage, ConsultationPage
from core.identifiers import find_bank_card_numbers, id_card_check_character, luhn_valid
from review.departments import grant_department_subtree
from review.workflow import assign_review_workflow

from .conftest import PASSWORD
from .helpers import XHR, checklist, create_and_submit, current_task_state, edit_page, workflow_action

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002" + id_card_check_character("11010519491231002")
BANK_CARD = "6222021234567890128"


def add_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn", PASSWORD)
    user.groups.set(Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups)
    return user


def approve_form_html(client, page):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", current_task_state(page).pk])
    return json.loads(client.get(url, **XHR).content)["html"]


def test_bank_card_finder_uses_luhn_and_leaves_id_numbers_alone():
    assert luhn_valid(BANK_CARD)
    assert find_bank_card_numbers(
        f"收款账号：{BANK_CARD[:4]} {BANK_CARD[4:8]} {BANK_CARD[8:12]} {BANK_CARD[12:16]} {BANK_CARD[16:]}"
    ) == [BANK_CARD]
    assert find_bank_card_numbers("账号6222021234567890127") == []  # Luhn fails
    assert find_bank_card_numbers(f"身份证{ID_NUMBER}") == []
    assert find_bank_card_numbers("索引号114208000000000012345678") == []  # longer digit run


def test_a_coeditor_who_saved_a_draft_cannot_approve_it(tree, users, as_user, client, django_user_model):
    """Someone who saved any revision before submission (not the submitter) is refused."""
    colleague = add_user(django_user_model, "colleague", "信息员", "信息员-市财政局", "初审", "初审-市财政局")
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    workflow_action(as_user("reviewer1_finance"), page, "reject", comment="请补充依据。")
    # The colleague helps with the text while it is with the editor, then the editor resubmits.
    client.force_login(colleague)
    assert edit_page(client, page, tree["finance"], action=None, text="同事补充的政策依据。").status_code == 302
    assert edit_page(as_user("editor_finance"), page, tree["finance"], text="同事补充的政策依据。").status_code == 302
    assert current_task_state(page).task.name == "初审"

    client.force_login(colleague)
    response, _payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert response.status_code == 403
    assert "谁起草不审核" in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS

    response, payload = workflow_action(as_user("reviewer1_finance"), page, "approve", comment="同意", **checklist())
    assert payload["step"] == "success"


def test_edits_before_the_last_publication_do_not_count(tree, users, as_user, client, django_user_model):
    colleague = add_user(django_user_model, "colleague", "信息员", "信息员-市财政局", "初审", "初审-市财政局")
    client.force_login(colleague)
    page = create_and_submit(client, tree["finance_catalogue"], tree["finance"])
    for username, extra in (("reviewer1_finance", checklist()), ("reviewer2", {}), ("reviewer3", {})):
        _response, payload = workflow_action(as_user(username), page, "approve", **extra)
        assert payload["step"] == "success"
    page.refresh_from_db()
    assert page.live
    # The next change is the editor's alone: the colleague's published draft is history.
    assert edit_page(as_user("editor_finance"), page, tree["finance"], text="修订后的正文。").status_code == 302
    client.force_login(colleague)
    response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert payload["step"] == "success"
    assert current_task_state(page).task.name == "复审"


def test_one_person_cannot_approve_two_steps(tree, users, as_user, client, django_user_model):
    both = add_user(django_user_model, "both_steps", "初审", "初审-市财政局", "复审")
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    client.force_login(both)
    _response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert payload["step"] == "success"
    assert current_task_state(page).task.name == "复审"

    response, _payload = workflow_action(client, page, "approve", comment="同意")
    assert response.status_code == 403
    assert current_task_state(page).task.name == "复审"
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "同一人不能审核同一稿件的两个环节" in html

    _response, payload = workflow_action(as_user("reviewer2"), page, "approve", comment="同意")
    assert payload["step"] == "success"
    assert current_task_state(page).task.name == "终审"


def test_the_same_step_again_after_a_rejection_is_allowed(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    workflow_action(as_user("reviewer1_finance"), page, "approve", **checklist())
    workflow_action(as_user("reviewer2"), page, "reject", comment="请修改标题。")
    edit_page(as_user("editor_finance"), page, tree["finance"], title="关于下达2027年度部门预算的通知（修改）")
    _response, payload = workflow_action(as_user("reviewer1_finance"), page, "approve", **checklist())
    assert payload["step"] == "success"


def test_bank_card_in_the_body_blocks_approval(tree, users, as_user):
    page = create_and_submit(
        as_user("editor_finance"), tree["finance_catalogue"], tree["finance"], text=f"补助发放至账户{BANK_CARD}。"
    )
    client = as_user("reviewer1_finance")
    html = approve_form_html(client, page)
    assert "银行卡号" in html and "622202*********0128" in html
    assert BANK_CARD not in html
    _response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert "发现疑似个人信息" in payload["html"]
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS


def test_attachment_text_is_scanned(tree, users, as_user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    editor = as_user("editor_finance")
    upload = SimpleUploadedFile("名单.txt", f"补贴对象：张三，身份证{ID_NUMBER}。".encode())
    response = editor.post(reverse("wagtaildocs:add"), {"title": "补贴对象名单", "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    from wagtail.documents.models import Document

    document = Document.objects.get(title="补贴对象名单")
    page = create_and_submit(
        editor,
        tree["finance_catalogue"],
        tree["finance"],
        attachments=inline_formset([{"document": document.pk, "title": ""}]),
    )
    assert page.get_latest_revision_as_object().attachments.count() == 1
    client = as_user("reviewer1_finance")
    html = approve_form_html(client, page)
    assert "文件内容" in html and "身份证号码" in html and "110105********" in html
    _response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert payload["step"] == "action"
    _response, payload = workflow_action(
        client, page, "approve", comment="同意", personal_data_reason="名单依法须公示，已征得本人同意。", **checklist()
    )
    assert payload["step"] == "success"
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert any("文件内容" in hit["field"] for hit in entry.data["review"]["personal_data_hits"])


@pytest.fixture
def consultation_column(tree):
    column = ConsultationIndexPage(title="意见征集", slug="yjzj")
    tree["home"].add_child(instance=column)
    column.save_revision().publish()
    assign_review_workflow(column)
    grant_department_subtree(tree["finance"], column)
    return column


def consultation_form(organisation, **extra):
    data = {
        "title": "示例市财政专项资金管理办法（征求意见稿）",
        "slug": "zxzj-banfa",
        "organisation": organisation.pk,
        "starts_at": "2026-12-01 09:00",
        "ends_at": "2027-01-05 18:00",
        "short_period_reason": "",
        "draft": streamfield([("article", {"text": rich_text("<p>为规范专项资金管理，制定本办法。</p>")})]),
        "explanation": rich_text("<p>起草说明。</p>"),
        "report_summary": rich_text(""),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
        "published_at": "2026-11-01 09:00",
        "action-submit": "1",
    }
    data.update(extra)
    return nested_form_data(data)


@pytest.mark.parametrize(
    ("fields", "label", "kind"),
    [
        (
            {"draft": streamfield([("article", {"text": rich_text(f"<p>收款账户{BANK_CARD}</p>")})])},
            "征求意见稿",
            "银行卡号",
        ),
        ({"explanation": rich_text(f"<p>起草人身份证{ID_NUMBER}</p>")}, "起草说明", "身份证号码"),
        ({"report_summary": rich_text("<p>意见人电话13800138000</p>")}, "采纳情况说明", "手机号码"),
    ],
)
def test_consultation_draft_explanation_and_report_are_scanned(
    tree, users, as_user, consultation_column, fields, label, kind
):
    editor = as_user("editor_finance")
    url = reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", consultation_column.pk])
    response = editor.post(url, consultation_form(tree["finance"], **fields))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ConsultationPage.objects.get(slug="zxzj-banfa")
    assert current_task_state(page).task.name == "初审"
    client = as_user("reviewer1_finance")
    html = approve_form_html(client, page)
    assert label in html and kind in html
    _response, payload = workflow_action(client, page, "approve", comment="同意", **checklist())
    assert "发现疑似个人信息" in payload["html"]
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS
