"""Queries of the search page (/search/) for a word most pages contain.

The page is not yet within the site's limit. What this branch could change, the view, its
form and its template, now reads a whole result page in a fixed number of queries (one per
page type, one for the news columns' kinds, the form's two lists, the promotions), however
many results there are. What remains is in ``search/query.py`` and the backends, which
the relaxed-search work is changing at the same time: each type facet is counted by its
own search (six counts, each with ``PageQuerySet.public()``'s query of the view
restrictions and the news columns' paths read again), the strict search and the column
box do the same, and the backend ranks titles in a query of its own.  ``SEARCH_CEILING``
keeps the page from getting worse until that work lands; the strict ``xfail`` below fails
once the page is within ``MAX_QUERIES``, to say that the ceiling can go.
"""

import re

from django.db import connection

import pytest

from .site import DOCUMENTS, INTERPRETATIONS, MAX_QUERIES, NEWS_ITEMS

#: The most queries any of these searches makes today, with the first search of the day for its word.
#: On PostgreSQL each of the seven counts also sets and restores its planner settings inside a
#: savepoint (four statements: see ``SegmentedPostgresSearchResults._do_count``): 70 measured.
SEARCH_CEILING = 75 if connection.vendor == "postgresql" else 47
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


@pytest.mark.xfail(strict=True, reason="facet counts and the column box in search/query.py: see the module docstring")
def test_search_page_within_the_site_limit(measured_get, site):
    search(measured_get, limit=MAX_QUERIES, q="通知")
