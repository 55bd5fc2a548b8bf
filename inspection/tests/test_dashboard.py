"""The 网站检查 dashboard and its permissions, the export, the weekly e-mail and ``inspect_site``."""

import json
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.rich_text import RichText

import pytest

from disclosure.factories import PolicyDocumentPageFactory
from home.factories import NewsPageFactory
from inspection.mail import send_weekly_report
from inspection.models import Finding
from inspection.run import inspect_site

pytestmark = pytest.mark.django_db


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture
def planted(site_tree):
    finance_doc = PolicyDocumentPageFactory(
        parent=site_tree["finance_catalogue"],
        organisation=site_tree["finance"],
        title="财政局关于专项资金的通知",
        body=body("经市人民政付同意。"),
    )
    education_doc = PolicyDocumentPageFactory(
        parent=site_tree["education_catalogue"],
        organisation=site_tree["education"],
        title="教育局关于招生工作的通知",
        body=body("市人力资源与社会保障局配合。"),
    )
    news = NewsPageFactory(parent=site_tree["news"], title="工作动态一则", body=body("按步就班推进。"))
    inspect_site()
    return {"finance": finance_doc, "education": education_doc, "news": news}


def test_department_reviewers_see_their_departments_findings(planted, users, client):
    client.force_login(users["reviewer1_finance"])
    html = client.get(reverse("inspection:report")).content.decode()
    assert "财政局关于专项资金的通知" in html and "教育局关于招生工作的通知" not in html
    assert "工作动态一则" not in html
    assert reverse("wagtailadmin_pages:edit", args=[planted["finance"].pk]) in html
    assert "仅显示本部门的问题" in html

    client.force_login(users["editor_education"])
    html = client.get(reverse("inspection:report")).content.decode()
    assert "教育局关于招生工作的通知" in html and "财政局关于专项资金的通知" not in html

    client.force_login(users["supervisor"])
    html = client.get(reverse("inspection:report")).content.decode()
    for title in ("财政局关于专项资金的通知", "教育局关于招生工作的通知", "工作动态一则"):
        assert title in html
    assert "严重错误" in html and "一般错误" in html


def test_people_without_a_department_are_refused(planted, django_user_model, client):
    client.force_login(django_user_model.objects.create_user("visitor", password="x", is_staff=True))
    assert client.get(reverse("inspection:report")).status_code in (302, 403)


def test_filters_and_exports(planted, users, client):
    client.force_login(users["supervisor"])
    html = client.get(reverse("inspection:report"), {"kind": "severe_word"}).content.decode()
    assert "财政局关于专项资金的通知" in html and "工作动态一则" not in html
    response = client.get(reverse("inspection:report"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()
    assert "问题类型" in text.splitlines()[0]
    assert "财政局关于专项资金的通知" in text and "“人民政付”" in text
    response = client.get(reverse("inspection:report"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_weekly_email_to_office_and_department_reviewers(planted, users, settings):
    settings.GONGKAI_INSPECTION_EMAILS = ["office@example.gov.cn"]
    assert send_weekly_report() == 3
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert "工作动态一则" in by_recipient[("office@example.gov.cn",)].body
    finance = by_recipient[("reviewer1_finance@example.gov.cn",)]
    assert "财政局关于专项资金的通知" in finance.body and "教育局" not in finance.body.split("主要问题")[1]
    assert ("reviewer1_education@example.gov.cn",) in by_recipient


def test_command_prints_findings_and_exits_non_zero_on_severe(planted):
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("inspect_site", stdout=out)
    assert exit_info.value.code == 1
    text = out.getvalue()
    assert "【严重错误】［市财政局］财政局关于专项资金的通知（正文·段落）：“人民政付”" in text
    assert "应为“人民政府”" in text

    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("inspect_site", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["blocking"] == 1
    assert {item["kind"] for item in payload["findings"]} >= {"severe_word", "general_word"}


def test_command_exits_zero_without_severe_findings(planted):
    page = planted["finance"]
    page.body = body("经市人民政府同意。")
    page.save_revision().publish()
    out = StringIO()
    call_command("inspect_site", stdout=out)
    assert "严重错误或内部链接失效0个" in out.getvalue()


def test_the_summary_counts_every_kind_zeros_included(planted, users, client):
    client.force_login(users["supervisor"])
    html = client.get(reverse("inspection:report")).content.decode()
    summary = html[html.index("按问题类型") : html.index("按部门")]
    assert '<a href="?kind=severe_word">严重错误</a></td><td>1</td>' in summary
    # A kind without findings is listed with 0 and no link to an empty filter.
    assert "<td>外部链接失效</td><td>0</td>" in summary
    assert summary.count("<tr>") == 1 + len(Finding.Kind.choices)  # the heading row, one row per kind
