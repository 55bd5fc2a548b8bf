"""Each finding kind on planted content, found by a full inspection and stored for the dashboard."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.rich_text import RichText

import pytest

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from disclosure.factories import InterpretationIndexPageFactory, InterpretationPageFactory, PolicyDocumentPageFactory
from disclosure.models import PolicyDocumentPage
from home.factories import NewsPageFactory
from inspection.models import Finding
from inspection.run import inspect_site
from inspection.words import get_matcher

pytestmark = pytest.mark.django_db


def paragraph(html):
    return [("paragraph", RichText(html))]


def kinds_for(page):
    return sorted(Finding.objects.filter(page_id=page.pk).values_list("kind", flat=True))


def test_starter_list_is_shipped_and_matches_by_kind(db):
    matcher = get_matcher()
    text = "根据国务院办公室通知，市人力资源与社会保障局于二○二六年发布示财发[2026]3号文件。"
    found = {(match.word, match.kind, match.correction) for match in matcher.find(text)}
    assert ("国务院办公室", "severe", "国务院办公厅") in found
    assert ("人力资源与社会保障", "general", "人力资源和社会保障") in found
    assert ("二○", "general", "二〇") in found
    assert ("[2026]", "general", "〔2026〕") in found
    assert matcher.find("根据国务院办公厅通知，二〇二六年，示财发〔2026〕3号。") == []


def test_words_in_title_summary_body_and_attachment_text(site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    news = NewsPageFactory(
        parent=site_tree["news"],
        title="中国人民共和国成立纪念活动",
        summary="市人力资源与社会保障局参加。",
        body=paragraph("<p>活动由<b>市人民政付</b>主办。</p>"),
    )
    document = Document(title="活动方案")
    document.file.save("fangan.txt", ContentFile("方案中写有台独字样。".encode()), save=False)
    document.save()
    policy = PolicyDocumentPageFactory(parent=site_tree["finance_catalogue"], organisation=site_tree["finance"])
    policy.attachments.create(document=document)
    policy.save_revision().publish()

    inspect_site()
    rows = {(row.field, row.kind, row.subject) for row in Finding.objects.filter(page_id=news.pk)}
    assert ("标题", "severe_word", "“中国人民共和国”（国名错误）") in rows
    assert any(field == "摘要" and kind == "general_word" for field, kind, _s in rows)
    assert any(field.startswith("正文") and "人民政付" in subject for field, _k, subject in rows)
    body = Finding.objects.get(page_id=news.pk, subject__contains="人民政付")
    assert body.context == "…活动由市【人民政付】主办。…"
    assert body.suggestion == "应为“人民政府”"
    attachment = Finding.objects.get(page_id=policy.pk, kind="sensitive_word")
    assert "文件内容" in attachment.field and "台独" in attachment.context
    assert attachment.organisation == site_tree["finance"]


def test_broken_internal_links(site_tree):
    news = site_tree["news"]
    deleted = NewsPageFactory(parent=news, slug="deleted")
    deleted_id = deleted.pk
    deleted.delete()
    unpublished = NewsPageFactory(parent=news, slug="draft")
    unpublished.unpublish()
    kept = NewsPageFactory(parent=news, slug="kept")
    document = Document.objects.create(title="已删除的文件", file="documents/x.pdf")
    document_id = document.pk
    document.delete()
    page = NewsPageFactory(
        parent=news,
        slug="links",
        body=paragraph(
            f'<p><a linktype="page" id="{deleted_id}">已删除</a> <a linktype="page" id="{unpublished.pk}">草稿</a> '
            f'<a linktype="page" id="{kept.pk}">正常</a> <a linktype="document" id="{document_id}">文件</a> '
            '<a href="/dongtai/old-slug/">移动的页面</a> <a href="/dongtai/kept/">本站正常页面</a></p>'
        ),
    )
    inspect_site()
    subjects = sorted(Finding.objects.filter(page_id=page.pk, kind="broken_internal").values_list("subject", flat=True))
    assert subjects == sorted(
        [
            f"链接的页面已删除（页面ID {deleted_id}）",
            f"链接的页面未发布或已撤回（页面ID {unpublished.pk}）",
            f"引用的文件已删除（文件ID {document_id}）",
            "链接的本站页面已移动或不存在：/dongtai/old-slug/",
        ]
    )


def test_statutory_figures(site_tree):
    catalogue, finance = site_tree["finance_catalogue"], site_tree["finance"]
    now = timezone.now()
    late = PolicyDocumentPageFactory(
        parent=catalogue, organisation=finance, formed_on=date(2026, 1, 5), published_at=now.replace(2026, 3, 2)
    )
    on_time = PolicyDocumentPageFactory(
        parent=catalogue, organisation=finance, formed_on=date(2026, 1, 5), published_at=now.replace(2026, 1, 8)
    )
    uninterpreted = PolicyDocumentPageFactory(
        parent=catalogue, organisation=finance, rank="normative", published_at=now - timedelta(days=30)
    )
    interpreted = PolicyDocumentPageFactory(
        parent=catalogue, organisation=finance, rank="normative", published_at=now - timedelta(days=30)
    )
    InterpretationPageFactory(parent=InterpretationIndexPageFactory(parent=site_tree["home"]), policies=[interpreted])
    repealed = PolicyDocumentPageFactory(parent=catalogue, organisation=finance, validity="repealed")
    repealed_dated = PolicyDocumentPageFactory(
        parent=catalogue, organisation=finance, validity="repealed", invalid_from=date(2026, 1, 1)
    )
    PolicyDocumentPageFactory(parent=catalogue, organisation=finance, validity="valid")
    past_expiry = PolicyDocumentPageFactory(parent=catalogue, organisation=finance, validity="valid")
    PolicyDocumentPage.objects.filter(pk=past_expiry.pk).update(invalid_from=timezone.localdate() - timedelta(days=1))
    consultations = ConsultationIndexPageFactory(parent=site_tree["home"])
    closed = ConsultationPageFactory(
        parent=consultations, organisation=finance, starts_at=now - timedelta(days=60), ends_at=now - timedelta(days=5)
    )
    reported = ConsultationPageFactory(
        parent=consultations,
        organisation=finance,
        starts_at=now - timedelta(days=60),
        ends_at=now - timedelta(days=5),
        report_published=True,
    )

    inspect_site()
    assert "late_document" in kinds_for(late) and "late_document" not in kinds_for(on_time)
    assert "missing_interpretation" in kinds_for(uninterpreted)
    assert "missing_interpretation" not in kinds_for(interpreted)
    assert kinds_for(repealed).count("validity") == 1 and "validity" not in kinds_for(repealed_dated)
    assert "validity" in kinds_for(past_expiry)
    assert "missing_handling_report" in kinds_for(closed) and "missing_handling_report" not in kinds_for(reported)
