"""Result counts: exact up to a bound, an estimate past it, shown as such on the results page."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from core.templatetags.gongkai_tags import result_count as render
from disclosure.factories import publish_document
from disclosure.models import PolicyDocumentPage
from search.backends import segmented


@pytest.fixture
def notices(catalogue, organisations):
    """48 documents whose titles all hold 通知, and two that do not."""
    for n in range(48):
        publish_document(
            catalogue,
            title=f"示例市关于第{n + 1}批政务服务事项调整的通知",
            organisation=organisations["office"],
            body="各区人民政府，市政府各部门：现将有关事项通知如下。",
            formed_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
    for title in ("示例市最低生活保障实施办法", "示例市住房公积金提取规定"):
        publish_document(
            catalogue, title=title, organisation=organisations["civil"], body="为规范有关工作，制定本办法。"
        )


def result_count(client, **params):
    html = client.get(reverse("search:search"), params).content.decode()
    return re.search(r'<p class="result-count" role="status">(.*?)</p>', html).group(1), html


def test_a_count_within_the_bound_is_exact(client, notices):
    shown, html = result_count(client, q="通知")
    assert shown == "找到与“通知”相关的结果共 48 条"
    assert "约" not in html


def test_past_the_bound_the_count_is_an_estimate_and_says_so(client, notices, monkeypatch):
    monkeypatch.setattr(segmented.BoundedCountMixin, "COUNT_EXACT_LIMIT", 10)
    results = PolicyDocumentPage.objects.live().search("通知")
    # With the debug cursor (DEBUG = True, as make run serves) every statement is also formatted for the log.
    with CaptureQueriesContext(connection):
        count = results.count()
    assert getattr(count, "estimated", False)
    # The estimate is never below what was counted exactly, and of the right size.
    assert 11 <= count <= 48 * 3
    shown, html = result_count(client, q="通知")
    assert shown.startswith("找到与“通知”相关的结果约 ")
    assert re.search(r'<span class="facet-count">（约 \d+）</span>', html)
    # The first page is complete: ten results, the newest-ranked shown as usual.
    assert len(re.findall(r'<li class="search-result', html)) == 10


def test_a_rare_word_stays_exact_past_the_bound(client, notices, monkeypatch):
    monkeypatch.setattr(segmented.BoundedCountMixin, "COUNT_EXACT_LIMIT", 10)
    shown, _html = result_count(client, q="公积金")
    assert shown == "找到与“公积金”相关的结果共 1 条"


@pytest.mark.parametrize(
    ("value", "shown"), [(53392, "约 5.3 万"), (21003, "约 2.1 万"), (1943, "约 1,900"), (1001, "约 1,000")]
)
def test_estimates_are_rounded_as_people_read_them(value, shown):
    assert render(segmented.EstimatedCount(value)) == shown
    assert render(853) == 853
