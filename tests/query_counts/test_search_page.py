"""Queries of the search page (/search/) for a word most pages contain.

The page is not yet within the site's limit. One search scope covers the whole page
(``search.views.search``): the view restrictions, the news columns and the entries a text
matches are read once; the total and every type facet come from one query over those
matches (up to the exact-count bound); the query log is one upsert and the rate limit one
statement.  What remains above ``MAX_QUERIES``: the title tier ranks and checks its rows
(two), the page of results loads per page type, the columns box and the promotions take
one each, and the page's frame (site, home, identity, the form's two lists) five.
``SEARCH_CEILING`` keeps the page from getting worse; the strict ``xfail`` below fails
once the page is within ``MAX_QUERIES``, to say that the ceiling can go.
"""

import re

from django.db import connection

import pytest

from .site import DOCUMENTS, INTERPRETATIONS, MAX_QUERIES, NEWS_ITEMS

#: The most queries any of these searches makes today, with the first search of the day for its word
#: (measured: 17 on SQLite, 21 on PostgreSQL, where the counts past the scope's bound also set and
#: restore their planner settings).
SEARCH_CEILING = 21 if connection.vendor == "postgresql" else 17
SEARCH_RESULT = '<li class="search-result'
#: A search for another word first: the synonyms are cached for every search (300 s).
WARM = "/search/?q=办法"


@pytest.fixture(autouse=True)
def _no_purge_of_old_rate_windows(monkeypatch):
    # One search in a hundred also deletes rate-limit windows older than a day (search.ratelimit):
    # kept out so that the counts do not depend on chance.
    monkeypatch.setattr("search.ratelimit.secrets.randbelow", lambda n: 1)


def search(measured_get, limit=SEARCH_CEILING, **params):
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


@pytest.mark.xfail(strict=True, reason="the title tier, the columns box and the page frame: see the module docstring")
def test_search_page_within_the_site_limit(measured_get, site):
    search(measured_get, limit=MAX_QUERIES, q="通知")
