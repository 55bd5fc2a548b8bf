"""The judged relevance set as a test: questions, everyday words and loose 文号 meet their targets on this database."""

import pytest

from search.demo import find_or_create_catalogue, load_corpus_documents
from search.relevance import load_judgments
from search.relevance.metrics import TARGETS, by_kind, evaluate, failures
from search.relevance.rankers import site_ranker


@pytest.fixture
def judged_corpus(home_page):
    catalogue = find_or_create_catalogue({"home": home_page})
    pages = load_corpus_documents(catalogue)
    return {page.pk: key for key, page in pages.items()}


@pytest.mark.django_db
def test_citizens_find_what_they_ask_for_in_the_judged_set(judged_corpus):
    judgments = load_judgments()
    kinds = {judgment["kind"] for judgment in judgments}
    assert {"word", "question", "everyday", "docnum", "offtopic"} <= kinds
    assert sum(j["kind"] == "question" for j in judgments) >= 40
    assert sum(j["kind"] == "everyday" for j in judgments) >= 30

    rows = evaluate(judgments, site_ranker(judged_corpus))
    table = by_kind(rows)

    assert failures(rows) == []
    for kind, minimum in TARGETS.items():
        assert table[kind]["recall@10"] >= minimum, kind
    assert all(row["first"] for row in rows["docnum"])
    assert table["offtopic"]["empty"] == 1.0
