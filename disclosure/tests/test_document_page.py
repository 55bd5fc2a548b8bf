"""A document's public page: metadata block, status banner, successors, attachments, interpretations."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest
from bs4 import BeautifulSoup

from core.models import WorkingDayOverride
from disclosure.factories import InterpretationPageFactory
from disclosure.models import DocumentAttachment, DocumentSuccessor


def page_soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.django_db
def test_metadata_block_comes_before_the_title(client, make_document, reference_data):
    doc = make_document(
        title="示例市最低生活保障办法",
        document_number="示政规〔2023〕4号",
        subject=reference_data["subjects"]["社会救助"],
        formed_on=datetime.date(2023, 8, 21),
        published_at=timezone.make_aware(datetime.datetime(2023, 8, 28, 9)),
    )
    soup = page_soup(client, doc)
    block = soup.find("table", class_="metadata-block")
    assert block.find_next("h1").get_text() == "示例市最低生活保障办法"
    cells = {th.get_text(): th.find_next_sibling("td").get_text() for th in block.find_all("th")}
    assert cells["索引号"] == doc.index_number
    assert cells["主题分类"] == "民政、扶贫、救灾 / 社会救助"
    assert cells["发布机构"] == "示例市人民政府"
    assert cells["成文日期"] == "2023年8月21日"
    assert cells["文号"] == "示政规〔2023〕4号"
    assert cells["发布日期"] == "2023年8月28日"
    assert cells["有效性"] == "现行有效"
    assert soup.find(class_="status-banner") is None


@pytest.mark.django_db
def test_repealed_document_shows_banner_linking_to_successor(client, make_document):
    new = make_document(title="示例市最低生活保障办法（2023年）", document_number="示政规〔2023〕4号")
    old = make_document(
        title="示例市最低生活保障办法（2019年）", validity="repealed", invalid_from=datetime.date(2023, 9, 20)
    )
    DocumentSuccessor.objects.create(page=old, successor=new, relation=DocumentSuccessor.Relation.REPEALED_BY)
    soup = page_soup(client, old)
    banner = soup.find(class_="status-banner")
    assert "本文件已废止" in banner.get_text()
    assert "2023年9月20日" in banner.get_text()
    link = banner.find("a")
    assert link["href"] == new.url
    assert link.get_text() == new.title
    # The successor names what it replaced.
    assert old.title in page_soup(client, new).find("section", class_="related").get_text()


@pytest.mark.parametrize(("validity", "label"), [("amended", "已修改"), ("expired", "已失效")])
@pytest.mark.django_db
def test_banner_names_each_status(client, make_document, validity, label):
    soup = page_soup(client, make_document(validity=validity))
    assert f"本文件{label}" in soup.find(class_="status-banner").get_text()


@pytest.mark.django_db
def test_attachments_show_type_and_size(client, make_document, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    doc = make_document()
    document = get_document_model()(title="收费标准")
    document.file.save("biaozhun.pdf", ContentFile(b"%PDF-1.4 " + b"0" * 3000), save=False)
    document.save()
    DocumentAttachment.objects.create(page=doc, document=document)
    section = page_soup(client, doc).find("section", class_="attachments")
    assert "收费标准" in section.get_text()
    assert "PDF" in section.get_text()
    assert "3 KB" in section.get_text()


@pytest.mark.django_db
def test_interpretation_and_policy_link_to_each_other(client, make_document, interpretation_index):
    policy = make_document(title="示例市保障性租赁住房管理办法")
    interpretation = InterpretationPageFactory(
        parent=interpretation_index, title="保障性租赁住房管理办法解读", policies=[policy]
    )
    policy_page = page_soup(client, policy)
    link = policy_page.find("section", class_="interpretations").find("a")
    assert link["href"] == interpretation.url
    interpretation_page = page_soup(client, interpretation)
    back = interpretation_page.find("section", class_="interpreted-policies").find("a")
    assert back["href"] == policy.url
    listing = page_soup(client, interpretation_index)
    assert interpretation.title in listing.get_text()


@pytest.mark.django_db
def test_working_days_to_publish_follow_the_holiday_calendar(make_document):
    # Formed on the last working day before the 2026 Spring Festival break (2026-02-13),
    # published after it; Saturday 2026-02-14 is a make-up working day.
    doc = make_document(
        formed_on=datetime.date(2026, 2, 13),
        published_at=timezone.make_aware(datetime.datetime(2026, 2, 25, 9)),
    )
    # 2-14 (Sat, make-up), 2-24, 2-25.
    assert doc.working_days_to_publish == 3
    # Across New Year 2026: formed 2025-12-31, Sunday 2026-01-04 is a make-up working day.
    doc2 = make_document(
        formed_on=datetime.date(2025, 12, 31),
        published_at=timezone.make_aware(datetime.datetime(2026, 1, 5, 9)),
    )
    assert doc2.working_days_to_publish == 2


@pytest.mark.django_db
def test_administrator_overrides_feed_the_working_day_count(make_document):
    WorkingDayOverride.objects.create(day=datetime.date(2025, 6, 4), is_working_day=False, note="防汛停工")
    doc = make_document(
        formed_on=datetime.date(2025, 6, 3),
        published_at=timezone.make_aware(datetime.datetime(2025, 6, 5, 9)),
    )
    assert doc.working_days_to_publish == 1
