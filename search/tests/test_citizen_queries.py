"""What citizens type: questions, pinyin, typos, loose 文号, nothing searchable; and the admin's zero-result report."""

import re

from django.urls import reverse

import pytest

from disclosure.factories import publish_document
from search.admin_views import add_synonym_url
from search.models import QueryLog, Synonym

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def rent_document(catalogue, organisations):
    return publish_document(
        catalogue,
        title="关于住房公积金支付房租提取有关事项的通知",
        organisation=organisations["housing"],
        body="缴存职工在本市无自有住房且支付房租的，可以每年提取一次住房公积金。",
        document_number="示公积金发〔2024〕3号",
    )


def result_titles(html):
    return re.findall(r'<h3 class="result-title"><a href="[^"]*">(.*?)</a>', html)


def test_a_question_drops_its_question_words_and_relaxes_when_every_word_would_find_nothing(client, rent_document):
    html = get(client, q="租房可以提取公积金吗")
    titles = [re.sub("<[^>]+>", "", t) for t in result_titles(html)]
    assert titles[0] == "关于住房公积金支付房租提取有关事项的通知"
    assert "已为您放宽检索条件" in html


def test_pinyin_and_initials_and_a_typo_search_the_word_that_occurs(client, rent_document, documents):
    for typed in ("gongjijin", "gjj", "公基金"):
        html = get(client, q=typed)
        assert "您是不是要找：" in html, typed
        assert "公积金" in html
        assert "住房公积金支付房租提取" in re.sub("<[^>]+>", "", html), typed


def test_a_word_nobody_published_gets_no_correction(client, documents):
    html = get(client, q="huoxingyimin")
    assert "没有找到相关结果" in html
    assert "您是不是要找：<a" not in html


def test_a_loosely_typed_document_number_comes_first_with_its_badge(client, documents):
    for typed in ("示政办发2024年3号", "示政办发2024 3号", "示政办发２０２４　３", "示政办发(2024)03号"):
        html = get(client, q=typed)
        first = html.split('<li class="search-result', 2)[1]
        assert "文号/索引号匹配" in first, typed
        assert "示例市2024年政府信息公开工作要点" in re.sub("<[^>]+>", "", first), typed


@pytest.mark.parametrize("typed", ["👍", "\u200b", "？？！", "……"])
def test_a_query_with_nothing_searchable_answers_the_zero_result_help(client, documents, typed):
    html = get(client, q=typed)
    assert "没有找到相关结果" in html
    assert "共 0 条" in html


def test_columns_are_boxed_apart_and_facets_add_up_to_the_total(client, documents):
    html = get(client, q="政府信息公开")
    box = html.split('class="search-columns"', 1)[1].split("</aside>", 1)[0]
    assert "政府信息公开目录" in box
    titles = " ".join(result_titles(html))
    assert "政府信息公开目录" not in re.sub("<[^>]+>", "", titles)
    total = int(re.search(r"共 (\d+) 条", html)[1])
    facets = [int(n) for n in re.findall(r'facet-count">（(\d+)）', html)]
    assert total >= 1 and sum(facets) == total


def test_the_report_links_a_zero_result_query_to_a_prefilled_synonym_form(admin_client):
    QueryLog.record("讨薪热线", 0)
    html = admin_client.get(reverse("search_admin:report")).content.decode()
    url = add_synonym_url("讨薪热线")
    assert url.replace("&", "&amp;") in html
    form = admin_client.get(url).content.decode()
    assert 'value="讨薪热线，"' in form
    response = admin_client.post(url, {"terms": "讨薪热线，12345热线", "note": "来自无结果搜索"})
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="讨薪热线，12345热线").exists()


def test_a_worker_trusts_its_vocabulary_for_a_while_but_a_publish_here_refreshes_it(
    client, documents, catalogue, organisations, settings
):
    settings.GONGKAI_VOCABULARY_CHECK_SECONDS = 3600
    html = get(client, q="binzang")
    assert "您是不是要找：<a" not in html  # nobody published 殡葬 yet
    # Published through Wagtail (page_published): this worker checks the pages again at once.
    publish_document(
        catalogue,
        title="关于规范殡葬服务收费的通知",
        organisation=organisations["civil"],
        body="殡葬服务机构应当公示服务项目和收费标准。",
    )
    html = get(client, q="binzang")
    assert "您是不是要找：" in html
    assert "规范殡葬服务收费" in re.sub("<[^>]+>", "", html)
