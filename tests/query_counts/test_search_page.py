"""Queries of the search page (/search/) for a word most pages contain: at most ``MAX_QUERIES``, as every page.

One search scope covers the whole page (``search.views.search``): the view restrictions,
the news columns and the entries a text matches are read once; the total and every type
facet come from one query over those matches (up to the exact-count bound); the query log
is one upsert and the rate limit one statement; the form's lists, the site identity, the
column pages and the promotions come from the shared cache (``core.cached``). Measured: 12
queries on SQLite, 14 on PostgreSQL (where the counts past the scope's bound also set and
restore their planner settings).
"""

import re

import pytest

from .site import DOCUMENTS, INTERPRETATIONS, MAX_QUERIES, NEWS_ITEMS

SEARCH_RESULT = '<li class="search-result'
#: A search for another word first: the synonyms are cached for every search (300 s).
WARM = "/search/?q=办法"


@pytest.fixture(autouse=True)
def _no_purge_of_old_rate_windows(monkeypatch):
    # One search in a hundred also deletes rate-limit windows older than a day (search.ratelimit):
    # kept out so that the counts do not depend on chance.
    monkeypatch.setattr("search.ratelimit.secrets.randbelow", lambda n: 1)


def search(measured_get, limit=MAX_QUERIES, **params):
    return measured_get("/search/", warm=WARM, limit=limit, **params)


def test_search_for_a_common_word(measured_get, site):
    html = search(measured_get, q="通知")
    total = int(re.search(r"相关的结果共 (\d+) 条", html).group(1))
    assert total >= DOCUMENTS + INTERPRETATIONS + NEWS_ITEMS
    assert html.count(SEARCH_RESULT) == 10
    assert f'政府文件<span class="facet-count">（{DOCUMENTS}）</span>' in html
    assert html.count('<span class="result-type">') == 10
    assert 'rel="next"' in html


def test_search_with_the_type_facet(measured_get, site):
    html = search(measured_get, q="通知", type="policy")
    assert f"相关的结果共 {DOCUMENTS} 条" in html
    assert html.count(SEARCH_RESULT) == 10
    assert html.count('<span class="result-type">政府文件</span>') == 10
    assert html.count("<span>发布机构：") == 10


def test_search_second_page(measured_get, site):
    html = search(measured_get, q="通知", page=2)
    assert html.count(SEARCH_RESULT) == 10
    assert 'rel="prev"' in html


def test_search_news_column_facet(measured_get, site):
    html = search(measured_get, q="会议", type="notice")
    assert f"相关的结果共 {NEWS_ITEMS} 条" in html
    assert html.count('<span class="result-type">通知公告</span>') == 10


def test_search_form_without_a_query(measured_get, site):
    html = search(measured_get, limit=MAX_QUERIES)
    assert "<h1>站内搜索</h1>" in html


def test_search_that_finds_nothing(measured_get, site):
    # Warmed by another search that finds nothing: the corrections' vocabulary of the live pages is
    # built once per worker (and again after a publish); each search still checks that it is current.
    html = measured_get("/search/", warm="/search/?q=月球基地", q="火星移民计划")
    assert "相关的结果共 0 条" in html
    assert "<h2>没有找到相关结果</h2>" in html


def test_search_for_a_question_relaxed(measured_get, site):
    html = search(measured_get, q="会议的通知在哪里看")
    assert html.count(SEARCH_RESULT) == 10
