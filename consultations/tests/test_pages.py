"""Consultation pages: status, index, the duration rule in the admin, the handling report, public privacy."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from consultations.blocks import article_label, chinese_number
from consultations.factories import CommentFactory, ConsultationPageFactory
from consultations.models import ConsultationPage, Decision, Status
from consultations.rules import period_working_days
from disclosure.models import CatalogueIndexPage, DisclosureIndexPage, PolicyDocumentPage

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_chinese_article_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23, 100, 105, 110, 999)] == [
        "一", "九", "十", "十一", "二十", "二十三", "一百", "一百零五", "一百一十", "九百九十九"
    ]  # fmt: skip
    assert article_label(3) == "第三条"


def test_status_follows_the_dates(open_consultation):
    now = timezone.now()
    page = open_consultation
    assert page.status_at(page.starts_at - timedelta(seconds=1)) == Status.UPCOMING
    assert page.status_at(page.starts_at) == Status.OPEN
    assert page.status_at(page.ends_at) == Status.CLOSED
    page.report_published = True
    assert page.status_at(page.ends_at + timedelta(days=3)) == Status.REPORTED
    assert page.status_at(now) == Status.OPEN


def test_page_numbers_articles_with_anchors(client, open_consultation):
    html = client.get(open_consultation.url).content.decode()
    assert html.count("<h1") == 1
    for n, label in enumerate(["第一条", "第二条", "第三条", "第四条", "第五条"], start=1):
        assert f'id="article-{n}"' in html
        assert label in html
    assert '<option value="article-3">第三条</option>' in html


def test_article_link_preselects_the_article(client, open_consultation):
    html = client.get(open_consultation.url, {"article": "article-3"}).content.decode()
    assert '<option value="article-3" selected>第三条</option>' in html


def test_index_lists_open_first_filters_and_shows_missing_reports(client, consultation_index, organisation):
    now = timezone.now()
    closed = ConsultationPageFactory(
        parent=consultation_index,
        title="已结束待反馈的草案",
        organisation=organisation,
        starts_at=datetime(2025, 3, 1, tzinfo=SHANGHAI),
        ends_at=now - timedelta(days=12),
    )
    reported = ConsultationPageFactory(
        parent=consultation_index,
        title="已反馈的草案",
        organisation=organisation,
        starts_at=now - timedelta(days=90),
        ends_at=now - timedelta(days=50),
        report_published=True,
    )
    open_page = ConsultationPageFactory(parent=consultation_index, title="征集中的草案", organisation=organisation)

    html = client.get(consultation_index.url).content.decode()
    assert html.index(open_page.title) < html.index(closed.title) < html.index(reported.title)
    assert "已结束12天，尚未公布意见采纳情况" in html

    html = client.get(consultation_index.url, {"status": "closed"}).content.decode()
    assert closed.title in html and open_page.title not in html and reported.title not in html
    html = client.get(consultation_index.url, {"year": "2025"}).content.decode()
    assert closed.title in html and open_page.title not in html
    html = client.get(consultation_index.url, {"status": "nonsense", "year": "abc"}).content.decode()
    assert open_page.title in html and closed.title in html


class TestDurationRule:
    def form(self, organisation, starts, ends, **extra):
        data = {
            "title": "示例市某某管理办法（征求意见稿）",
            "slug": "mou-banfa",
            "organisation": organisation.pk,
            "starts_at": starts,
            "ends_at": ends,
            "short_period_reason": "",
            "draft": streamfield([("article", {"text": rich_text("<p>为规范管理，制定本办法。</p>")})]),
            "explanation": rich_text("<p>起草说明。</p>"),
            "report_summary": rich_text(""),
            "attachments": inline_formset([]),
            "published_at": "2026-11-01 09:00",
        }
        data.update(extra)
        return nested_form_data(data)

    def add_url(self, parent):
        return reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", parent.pk])

    def test_twenty_days_without_reason_is_refused(self, admin_client, consultation_index, organisation):
        data = self.form(organisation, "2026-12-01 09:00", "2026-12-20 18:00")
        response = admin_client.post(self.add_url(consultation_index), data)
        assert response.status_code == 200
        assert "征求意见期限一般不少于30日，当前为20日" in response.content.decode()
        assert not ConsultationPage.objects.exists()

    def test_twenty_days_with_a_reason_is_accepted_and_the_reason_shown(
        self, admin_client, client, consultation_index, organisation
    ):
        reason = "国家政策调整要求在年底前出台，征集期限相应缩短。"
        data = self.form(
            organisation,
            "2026-12-01 09:00",
            "2026-12-20 18:00",
            short_period_reason=reason,
            **{"action-publish": "action-publish"},
        )
        response = admin_client.post(self.add_url(consultation_index), data)
        assert response.status_code == 302
        page = ConsultationPage.objects.get()
        assert page.period_is_short
        assert reason in client.get(page.url).content.decode()

    def test_normative_document_needs_seven_working_days(self, admin_client, consultation_index, organisation):
        # 2026-12-01 (Tue) to 2026-12-07 (Mon): 5 working days.
        data = self.form(organisation, "2026-12-01 09:00", "2026-12-07 18:00", is_normative="on")
        response = admin_client.post(self.add_url(consultation_index), data)
        assert "不少于7个工作日，当前为5个工作日" in response.content.decode()
        # 2026-12-01 to 2026-12-09 (Wed): 7 working days.
        data = self.form(organisation, "2026-12-01 09:00", "2026-12-09 18:00", is_normative="on")
        assert admin_client.post(self.add_url(consultation_index), data).status_code == 302

    def test_end_before_start_is_refused(self, admin_client, consultation_index, organisation):
        data = self.form(organisation, "2026-12-20 09:00", "2026-12-01 18:00", short_period_reason="x")
        response = admin_client.post(self.add_url(consultation_index), data)
        assert "截止时间必须晚于开始时间。" in response.content.decode()

    def test_working_days_follow_the_official_calendar(self):

        # National Day week 2026: 10-01..10-07 are holidays, so 09-28..10-09 holds few working days.
        start = datetime(2026, 9, 28, 9, tzinfo=SHANGHAI)
        end = datetime(2026, 10, 9, 18, tzinfo=SHANGHAI)
        assert date(2026, 10, 1) < end.date()
        assert period_working_days(start, end) < 10


@pytest.fixture
def reported(closed_consultation):
    page = closed_consultation
    rows = [
        ("article-1", "第一条", Decision.ADOPTED, "", "已采纳。", True),
        ("article-1", "第一条", Decision.ADOPTED, "", "", False),
        ("article-2", "第二条", Decision.PARTLY, "", "部分吸收。", True),
        ("article-2", "第二条", Decision.NOT_ADOPTED, "与上位法规定不一致，不宜采纳。", "", True),
        ("article-3", "第三条", Decision.NOT_ADOPTED, "超出本办法调整范围。", "", False),
        ("", "", Decision.NOT_PROCESSED, "", "", True),
        ("", "", Decision.PENDING, "", "", False),
    ]
    for n, (anchor, label, decision, reason, reply, public) in enumerate(rows):
        CommentFactory(
            consultation=page,
            name=f"公民{n}号",
            phone=f"1381234{n:04d}",
            email=f"person{n}@example.com",
            article_anchor=anchor,
            article_label=label,
            body=f"第{n}条意见：我的手机号是1390000{n:04d}，建议修改。",
            decision=decision,
            decision_reason=reason,
            reply=reply,
            is_public=public,
        )
    page.report_published = True
    page.report_summary = "<p>共收到意见7条，逐条研究。</p>"
    page.save_revision().publish()
    return page


def test_report_counts_match_the_decisions(client, reported):
    html = client.get(reported.url).content.decode()
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', html))
    assert counts == {"received": "7", "adopted": "2", "partly": "1", "not_adopted": "2", "not_processed": "1"}
    assert "另有1条意见正在办理。" in html
    assert "与上位法规定不一致，不宜采纳。" in html
    assert "超出本办法调整范围。" in html
    assert '<a href="#article-2">第二条</a></th><td>2</td><td>0</td><td>1</td><td>1</td><td>0</td>' in html
    assert "部分吸收。" in html


def test_report_lists_each_article_once_in_draft_order(client, reported):
    # Several comments on one article made it appear once per comment.
    CommentFactory(
        consultation=reported, article_anchor="article-9", article_label="原第九条", decision=Decision.ADOPTED
    )
    html = client.get(reported.url).content.decode()
    table = html[html.index('<table class="report-articles">') : html.index("</table>", html.index("report-articles"))]
    rows = re.findall(r'<th scope="row">(?:<a href="#[\w-]+">)?([^<]+)<', table)
    assert rows == ["第一条", "第二条", "第三条", "原第九条", "总体意见"]
    assert '<a href="#article-1">第一条</a></th><td>2</td><td>2</td>' in table


def test_report_is_hidden_until_published_and_closed(client, closed_consultation, open_consultation):
    CommentFactory(consultation=closed_consultation, decision=Decision.ADOPTED)
    assert "意见采纳情况反馈" not in client.get(closed_consultation.url).content.decode()
    open_consultation.report_published = True
    open_consultation.save_revision().publish()
    assert 'id="report"' not in client.get(open_consultation.url).content.decode()


def test_contact_details_never_appear_in_public_pages(client, reported, consultation_index):
    pages = [
        client.get(reported.url),
        client.get(consultation_index.url),
        client.get("/"),
        client.post(
            reported.url + "status/", {"code": reported.comments.first().tracking_code, "contact": "13812340000"}
        ),
    ]
    sitemap = client.get("/sitemap.xml")
    if sitemap.status_code == 200:
        pages.append(sitemap)
    for response in pages:
        html = response.content.decode()
        for n in range(7):
            assert f"1381234{n:04d}" not in html
            assert f"person{n}@example.com" not in html
            assert f"公民{n}号" not in html
            assert f"1390000{n:04d}" not in html  # numbers typed into a comment are masked
    assert "139****0000" in pages[0].content.decode()


def test_policy_fragment_shows_the_consultation(home_page, closed_consultation, organisation):

    disclosure = home_page.add_child(instance=DisclosureIndexPage(title="政府信息公开", slug="xxgk"))
    catalogue = disclosure.add_child(instance=CatalogueIndexPage(title="目录", slug="ml"))
    policy = catalogue.add_child(
        instance=PolicyDocumentPage(
            title="示例市临时救助办法",
            slug="jiuzhu",
            organisation=organisation,
            formed_on=date(2026, 11, 20),
            rank="normative",
        )
    )
    closed_consultation.policy_document = policy
    closed_consultation.report_published = True
    closed_consultation.save_revision().publish()

    html = render_to_string("consultations/includes/policy_consultation.html", {"policy": policy})
    assert closed_consultation.title in html
    assert "查看意见采纳情况反馈" in html
    assert closed_consultation.is_normative_document
    assert render_to_string("consultations/includes/policy_consultation.html", {"policy": None}).strip() == ""


def test_preview_shows_the_report_before_publication(admin_client, reported):
    reported.report_published = True
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[reported.pk]))
    assert response.status_code == 200
    assert "意见采纳情况反馈" in response.content.decode()
