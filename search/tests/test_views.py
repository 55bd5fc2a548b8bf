"""The public /search/ page and the autocomplete endpoint, through HTTP."""

import io

from django.core.files.base import ContentFile
from django.test import override_settings

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model

import pytest

from disclosure.factories import publish_document
from disclosure.models import DocumentAttachment
from search.models import QueryLog

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_form_on_every_page(client, home_page):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html


def test_word_inside_longer_word_highlighted(client, documents):
    html = get(client, q="信息公开", type="policy")
    assert "共 1 条" in html
    assert "示例市2024年政府<mark>信息公开</mark>工作要点" in html
    html = get(client, q="信息公开")
    assert "示例市2024年政府<mark>信息公开</mark>工作要点" in html
    assert "最低生活保障" not in html


def test_colloquial_synonym(client, documents):
    html = get(client, q="低保")
    assert "城乡居民<mark>最低生活保障</mark>实施办法" in html


@pytest.mark.parametrize(
    "query", ["示政办发[2024]3号", "示政办发【2024】3号", "示政办发 (2024) 3 号", "11420800MB1234567X/2024-00012"]
)
def test_document_number_lookup_first(client, documents, query):
    html = get(client, q=query)
    first = html.index('class="search-result')
    assert html.index("政府信息公开工作要点", first) < html.find("</li>", first)
    assert "文号/索引号匹配" in html


def test_repealed_marked(client, documents):
    html = get(client, q="公积金")
    assert "已废止" in html


def test_html_in_title_escaped(client, catalogue, organisations):
    publish_document(catalogue, title="关于<script>alert(1)</script>的通知", organisation=organisations["office"])
    html = get(client, q="通知")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_filters_and_facets(client, documents, organisations):
    html = get(client, q="示例市", organisation=organisations["civil"].pk)
    assert "共 1 条" in html and "最低生活保障" in html
    html = get(client, q="示例市", validity="repealed")
    assert "共 1 条" in html and "住房公积金提取" in html
    html = get(client, q="示例市", type="policy", year="2024")
    assert "共 1 条" in html and "信息公开工作要点" in html
    html = get(client, q="示例市", type="policy")
    assert '政府文件<span class="facet-count">（3）</span>' in html
    html = get(client, q="示例市", type="news")
    assert "共 0 条" in html


def test_sort_by_date(client, documents):
    html = get(client, q="示例市", type="policy", sort="date")
    assert html.index("信息公开工作要点") < html.index("最低生活保障") < html.index("住房公积金提取")


def test_pagination(client, catalogue, organisations):
    for i in range(12):
        publish_document(catalogue, title=f"河长制工作通报第{i}期", organisation=organisations["office"])
    html = get(client, q="河长制")
    assert "共 12 条" in html and 'aria-label="分页"' in html
    html2 = get(client, q="河长制", page=2)
    assert html2.count('<li class="search-result') == 2


def test_too_long_query(client, home_page):
    html = get(client, q="政" * 101)
    assert "搜索词过长" in html


@override_settings(GONGKAI_SEARCH_RATE_LIMIT=3)
def test_rate_limit(client, home_page):
    for _ in range(3):
        assert client.get("/search/", {"q": "公开"}).status_code == 200
    response = client.get("/search/", {"q": "公开"})
    assert response.status_code == 429
    assert "过于频繁" in response.content.decode()


def test_zero_results_help_and_logging(client, documents):
    get(client, q="信息公开")
    get(client, q="信息公开")
    html = get(client, q="新冠疫苗接种点")
    assert "没有找到相关结果" in html
    assert "热门搜索" in html and "信息公开" in html
    assert QueryLog.objects.get(query="新冠疫苗接种点").zero_hits == 1
    assert QueryLog.objects.get(query="信息公开").hits == 2


def test_zero_results_suggests_synonym(client, home_page):
    html = get(client, q="医保")
    assert "您是不是要找" in html and "医疗保险" in html


def test_promotion_shown(client, documents):
    query = Query.get("公开")
    SearchPromotion.objects.create(query=query, page=documents["plan"], description="年度重点", sort_order=0)
    html = get(client, q="公开")
    assert "推荐结果" in html and "年度重点" in html


def test_autocomplete_json(client, documents):
    response = client.get("/search/autocomplete/", {"q": "最低生活"})
    assert response.status_code == 200
    assert [r["title"] for r in response.json()["results"]] == ["示例市城乡居民最低生活保障实施办法"]
    assert client.get("/search/autocomplete/", {"q": "x" * 101}).json() == {"results": []}


def _docx_bytes(text):
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_attachment_text_found(client, catalogue, organisations, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    Document = get_document_model()
    document = Document(title="附件1")
    document.file.save("fujian.docx", ContentFile(_docx_bytes("申请材料包括户口簿和低收入家庭认定证明")), save=False)
    document.save()
    assert document.search_text.text.startswith("申请材料包括户口簿")
    page = publish_document(
        catalogue, title="关于做好救助工作的通知", organisation=organisations["civil"], publish=False
    )
    page.attachments.add(DocumentAttachment(document=document))
    page.save_revision().publish()
    html = get(client, q="户口簿")
    assert "关于做好救助工作的通知" in html
    assert "附件内容匹配" in html and "<mark>户口簿</mark>" in html
