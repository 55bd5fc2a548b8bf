"""The relaxed search: a question whose every term finds less than a page gets the pages matching most of them."""

import pytest

from disclosure.factories import publish_document
from search.backends.matches import PostgresMatchesMixin, SQLiteMatchesMixin
from search.query import SearchParams, analyse, relaxed_results, search

pytestmark = pytest.mark.django_db

QUESTION = "社区图书室开放时间是几点"


@pytest.fixture
def library_documents(catalogue, organisations):
    def publish(key, title, body):
        return key, publish_document(catalogue, title=title, organisation=organisations["office"], body=body)

    return dict(
        [
            publish("every_term", "社区图书室开放时间几点公布", "详见附件。"),
            publish("four_in_title", "社区图书室开放时间调整的通知", "详见附件。"),
            publish("four_in_body", "关于做好文化服务工作的通知", "社区图书室开放时间为每天九点至十七点。"),
            publish("three", "社区图书室管理办法", "图书室每周开放。"),
            publish("two", "关于举办社区开放日活动的通知", "欢迎居民参加。"),
        ]
    )


def titles(pages):
    return [page.title for page in pages]


def test_pages_matching_more_terms_come_first_and_title_matches_first_among_equals(library_documents):
    assert analyse(QUESTION).relaxed_terms().minimum == 3

    outcome = search(SearchParams(query=QUESTION))

    assert outcome.relaxed
    assert titles(outcome.results) == titles(
        library_documents[key] for key in ("every_term", "four_in_title", "four_in_body", "three")
    )
    assert outcome.count == 4


def test_every_backend_ranks_the_relaxed_results_the_same_way(library_documents, monkeypatch):
    params = SearchParams(query=QUESTION)
    strict = [library_documents["every_term"].pk]
    one_pass = relaxed_results(params, analyse(QUESTION), exclude=strict)

    # Without the database backends' one pass, one strict query per subset of terms (the engines' way).
    monkeypatch.setattr(SQLiteMatchesMixin, "most_terms", lambda *args, **kwargs: None)
    monkeypatch.setattr(PostgresMatchesMixin, "most_terms", lambda *args, **kwargs: None)
    by_subsets = relaxed_results(params, analyse(QUESTION), exclude=strict)

    assert (
        titles(one_pass)
        == titles(by_subsets)
        == titles(library_documents[key] for key in ("four_in_title", "four_in_body", "three"))
    )


def test_a_long_question_costs_a_few_queries_not_one_per_subset_of_its_terms(
    library_documents, django_assert_max_num_queries
):
    # Five terms: ten subsets of three or four, each a ranked query with its checks before.
    with django_assert_max_num_queries(30):
        outcome = search(SearchParams(query=QUESTION))
        list(outcome.results[:10])
    assert outcome.relaxed


def test_the_next_search_sees_a_document_published_after_the_last_one(library_documents, catalogue, organisations):
    assert search(SearchParams(query=QUESTION)).count == 4

    publish_document(
        catalogue, title="社区图书室延长开放时间", organisation=organisations["civil"], body="自下月起实施。"
    )

    assert search(SearchParams(query=QUESTION)).count == 5
