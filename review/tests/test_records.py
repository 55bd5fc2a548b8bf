"""The record (chain view, CSV export), the reports, and the setup of groups and workflow."""

import csv
import io
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState, WorkflowPage

import pytest

from home.models import NewsIndexPage
from review.workflow import WORKFLOW_NAME

from .helpers import checklist, create_and_submit, workflow_action

pytestmark = pytest.mark.django_db


def reviewed_page(as_user, tree, slug="yusuan-tongzhi", organisation="finance", reject=True):
    editor, reviewer = (
        ("editor_finance", "reviewer1_finance")
        if organisation == "finance"
        else ("editor_education", "reviewer1_education")
    )
    page = create_and_submit(as_user(editor), tree[f"{organisation}_catalogue"], tree[organisation], slug=slug)
    if reject:
        workflow_action(as_user(reviewer), page, "reject", comment="标题不规范，请修改。")
        as_user(editor).post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {
                **__import__("review.tests.helpers", fromlist=["document_form"]).document_form(
                    tree[organisation], slug=slug
                ),
                "action-submit": "1",
            },
        )
    for username, extra in ((reviewer, checklist()), ("reviewer2", {}), ("reviewer3", {})):
        response, payload = workflow_action(as_user(username), page, "approve", comment=f"{username}同意", **extra)
        assert payload["step"] == "success"
    page.refresh_from_db()
    assert page.live
    return page


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_contains_every_step(tree, users, as_user):
    page = reviewed_page(as_user, tree)
    other = reviewed_page(as_user, tree, slug="jiaoyu-tongzhi", organisation="education", reject=False)
    today = timezone.localdate().isoformat()
    client = as_user("supervisor")
    rows = read_csv(
        client.get(reverse("review_admin:export"), {"start": today, "end": today, "department": tree["finance"].pk})
    )
    ids = {row["页面ID"] for row in rows}
    assert str(page.pk) in ids and str(other.pk) not in ids
    rows = [row for row in rows if row["页面ID"] == str(page.pk)]
    actions = [(row["审核环节"], row["操作"], row["操作人"]) for row in rows]
    assert ("初审", "退回修改", "reviewer1_finance") in actions
    assert ("初审", "审核通过", "reviewer1_finance") in actions
    assert ("复审", "审核通过", "reviewer2") in actions
    assert ("终审", "审核通过", "reviewer3") in actions
    assert [row["操作"] for row in rows].count("提交审核") == 1
    assert [row["操作"] for row in rows].count("修改后重新提交") == 1
    assert any(row["操作"] == "发布" and row["操作人"] == "reviewer3" for row in rows)
    first = next(row for row in rows if row["审核环节"] == "初审" and row["操作"] == "审核通过")
    assert "不涉及国家秘密" in first["保密审查确认"]
    assert first["审核意见"] == "reviewer1_finance同意"
    assert all(row["部门"] == "市财政局" for row in rows)
    assert all(row["稿件起草人"] == "editor_finance" for row in rows if row["操作"] == "审核通过")

    all_rows = read_csv(client.get(reverse("review_admin:export"), {"start": today, "end": today}))
    assert {str(page.pk), str(other.pk)} <= {row["页面ID"] for row in all_rows}

    # The same chain, in the page's 审核记录 view.
    record = client.get(reverse("review_admin:page_record", args=[page.pk])).content.decode()
    assert "标题不规范，请修改。" in record and "reviewer2同意" in record and "editor_finance" in record


def test_export_rejects_bad_input_and_outsiders(tree, users, as_user):
    client = as_user("supervisor")
    response = client.get(reverse("review_admin:export"), {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 200
    assert "结束日期不能早于开始日期。" in response.content.decode()
    response = client.get(reverse("review_admin:export"), {"start": "昨天", "end": ""})
    assert "日期格式应为" in response.content.decode()
    assert "请填写日期。" in response.content.decode()
    assert as_user("editor_finance").get(reverse("review_admin:export")).status_code in (302, 403)
    assert as_user("editor_finance").get(reverse("review_admin:throughput")).status_code in (302, 403)


def test_record_is_hidden_from_other_departments(tree, users, as_user):
    page = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    assert as_user("editor_finance").get(reverse("review_admin:page_record", args=[page.pk])).status_code == 200
    assert as_user("editor_education").get(reverse("review_admin:page_record", args=[page.pk])).status_code in (
        302,
        403,
    )
    # The button sits on the page's header in the admin.
    response = as_user("editor_finance").get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert reverse("review_admin:page_record", args=[page.pk]) in response.content.decode()


def test_reports(tree, users, as_user, settings):
    settings.GONGKAI_REVIEW_OVERDUE_DAYS = 2
    waiting = create_and_submit(as_user("editor_finance"), tree["finance_catalogue"], tree["finance"])
    reviewed_page(as_user, tree, slug="jiaoyu-tongzhi", organisation="education", reject=False)
    # The 初审 step started three weeks ago: overdue under any holiday calendar.
    TaskState.objects.filter(workflow_state__object_id=str(waiting.pk), status="in_progress").update(
        started_at=timezone.now() - timedelta(days=21)
    )
    client = as_user("supervisor")
    overdue = client.get(reverse("review_admin:overdue")).content.decode()
    assert "超过 2 个工作日" in overdue
    assert "<td>初审</td><td>市财政局</td><td>1</td>" in overdue
    assert "市教育局" not in overdue

    rows = {row["department"]: row for row in __import__("review.records", fromlist=["throughput"]).throughput()}
    assert rows["市教育局"]["submitted"] == 1
    assert rows["市教育局"]["approved"] == 1
    assert rows["市教育局"]["rejected"] == 0
    assert set(rows["市教育局"]["medians"]) == {"初审", "复审", "终审"}
    assert rows["市财政局"]["submitted"] == 1
    page = client.get(reverse("review_admin:throughput")).content.decode()
    assert "市教育局" in page and "终审用时中位数" in page


def test_roles_and_workflow_setup(tree, home_page):
    for name in ("信息员", "初审", "复审", "终审", "网站管理员", "监督员"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name
    assert Group.objects.get(name="监督员").permissions.filter(codename="view_review_records").exists()
    assert Group.objects.get(name="网站管理员").permissions.filter(codename="change_departmentgroup").exists()
    assert not Group.objects.get(name="监督员").collection_permissions.exists()
    assert Group.objects.get(name="信息员").collection_permissions.filter(permission__codename="add_document").exists()
    # No role may publish pages directly.
    assert not Group.objects.filter(
        page_permissions__permission__codename="publish_page", name__regex=r"^(信息员|初审|复审|终审|网站管理员|监督员)"
    ).exists()

    assert tree["disclosure"].get_workflow().name == WORKFLOW_NAME
    assert tree["finance_catalogue"].get_workflow().name == WORKFLOW_NAME
    assert [task.name for task in tree["disclosure"].get_workflow().tasks] == ["初审", "复审", "终审"]
    count = WorkflowPage.objects.count()
    call_command("setup_review_workflow", stdout=io.StringIO())
    assert WorkflowPage.objects.count() == count

    # A news column created later gets the workflow when first published.
    news = NewsIndexPage(title="工作动态", slug="dongtai")
    home_page.add_child(instance=news)
    assert news.get_workflow() is None or news.get_workflow().name != WORKFLOW_NAME
    news.save_revision().publish()
    assert WorkflowPage.objects.get(page=news).workflow.name == WORKFLOW_NAME
