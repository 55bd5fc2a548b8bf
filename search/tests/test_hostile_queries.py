"""Queries with nothing searchable in them answer the empty result page, never a server error."""

from wagtail.models import Page

import pytest

NOTHING_SEARCHABLE = ["!!!", "-", "《》", "〔〕", "''", "😀", "\u200b", "\ufeff", "!!! -- ''", "( ) & | !"]


@pytest.mark.django_db
def test_query_without_searchable_words_shows_the_zero_result_help(client, documents):
    for query in NOTHING_SEARCHABLE:
        for extra in ({}, {"sort": "date"}, {"type": "policy"}):
            response = client.get("/search/", {"q": query, **extra})
            assert response.status_code == 200, (query, extra)
            assert "没有找到相关结果" in response.content.decode()
            assert response.context["count"] == 0


@pytest.mark.django_db
def test_autocomplete_without_searchable_words_is_empty(client, documents):
    for query in NOTHING_SEARCHABLE:
        response = client.get("/search/autocomplete/", {"q": query})
        assert response.status_code == 200, query
        assert response.json() == {"results": []}


@pytest.mark.django_db
def test_backend_matches_nothing_for_a_query_without_searchable_words(documents):
    """The engine itself (admin search, other callers) answers an empty result, not a tsquery error."""
    pages = Page.objects.live()
    for query in NOTHING_SEARCHABLE:
        assert list(pages.search(query)) == [], query
        assert pages.search(query).count() == 0
        assert list(pages.autocomplete(query)) == []
    # A searchable word next to the noise still finds its document.
    assert pages.search("!!! 最低生活保障").count() >= 1
