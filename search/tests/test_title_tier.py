"""Documents whose title matches come first, and every page agrees with the full ranking.

The embedded backends rank the title matches on their own (title tier) and
read the body-only matches only when the title matches do not fill the
page; deep pages and very selective filters rank every match.  These tests
check what a reader sees: the order of results, page by page, on whichever
database the suite runs on.
"""

import pytest

from disclosure.factories import publish_document
from disclosure.models import PolicyDocumentPage


def search(query, queryset=None):

    return (queryset if queryset is not None else PolicyDocumentPage.objects.live()).search(query)


@pytest.fixture
def documents(catalogue, organisations):
    """Three documents with 河长制 in the title, eight that only mention it in the body."""
    titled = [
        publish_document(
            catalogue,
            title=title,
            organisation=organisations["office"],
            body="请各单位结合实际认真贯彻落实。",
        )
        for title in ["示例市全面推行河长制工作方案", "关于河长制考核办法的通知", "河长制"]
    ]
    body_only = [
        publish_document(
            catalogue,
            title=f"示例市水资源管理工作要点第{number}号",
            organisation=organisations["civil"] if number % 2 else organisations["office"],
            # Many mentions: by body statistics alone these would rank first.
            body="河长制 " * (20 + number) + "各级河长要履行职责。",
        )
        for number in range(8)
    ]
    return titled, body_only


@pytest.mark.django_db
def test_title_matches_rank_above_documents_that_only_mention_the_query(documents):
    titled, body_only = documents
    results = list(search("河长制"))

    assert len(results) == 11
    assert {page.pk for page in results[:3]} == {page.pk for page in titled}
    assert {page.pk for page in results[3:]} == {page.pk for page in body_only}
    # The shortest title, the query itself, is the best title match.
    assert results[0].pk == titled[2].pk


@pytest.mark.django_db
def test_every_page_slice_matches_the_full_ranking(documents):
    full = [page.pk for page in search("河长制")]

    for start in range(0, 11, 2):
        # A page reaching past the title matches continues with body-only matches.
        assert [page.pk for page in search("河长制")[start : start + 2]] == full[start : start + 2]


@pytest.mark.django_db
def test_filters_apply_in_both_tiers(documents, organisations):
    titled, body_only = documents

    civil = PolicyDocumentPage.objects.live().filter(organisation=organisations["civil"])
    results = [page.pk for page in search("河长制", civil)[:10]]

    assert set(results) == {page.pk for number, page in enumerate(body_only) if number % 2}
    assert not set(results) & {page.pk for page in titled}


@pytest.mark.parametrize("page_size", [2, 3, 4, 5])
@pytest.mark.django_db
def test_small_candidate_budget_still_gives_the_same_pages(documents, catalogue, organisations, page_size):
    """Candidates grow, tie at the fetch limit, or run out of budget; the pages must not change.

    The first attempt fetches one candidate per result wanted and at most
    40 in all, so pages ending at 4 or before grow their candidates (the
    fetch limit cuts through the tied scores of identical titles); later
    pages rank every match.
    """
    from wagtail.search.backends import get_search_backend

    for number in range(6):
        publish_document(catalogue, title="河长制", organisation=organisations["civil"], body=f"第{number}份同名文件。")
    compiler_class = get_search_backend().query_compiler_class
    full = [page.pk for page in search("河长制")]
    assert len(full) == 17
    assert len(set(full)) == 17

    budget = ("TOP_K_MIN_CANDIDATES", "TOP_K_PER_RESULT", "TOP_K_MAX_CANDIDATES")
    original = [getattr(compiler_class, name) for name in budget]
    for name, value in zip(budget, (1, 1, 40), strict=True):
        setattr(compiler_class, name, value)
    try:
        pages = [[page.pk for page in search("河长制")[start : start + page_size]] for start in range(0, 17, page_size)]
    finally:
        for name, value in zip(budget, original, strict=True):
            setattr(compiler_class, name, value)

    assert compiler_class.__module__.startswith("search.backends.")
    assert [pk for page in pages for pk in page] == full


@pytest.mark.django_db
def test_count_matches_the_results_and_leaves_the_connection_settings_alone(documents):
    from django.db import connection

    def parallel_workers():
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            return cursor.fetchone()[0]

    before = parallel_workers()
    assert search("河长制").count() == 11
    assert search("河长制")[3:].count() == 8
    # PostgreSQL counts without parallel workers; the setting must not outlive the count.
    assert parallel_workers() == before
