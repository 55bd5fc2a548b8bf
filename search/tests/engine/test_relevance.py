"""The judged relevance set on the real engine: the site search on it meets the targets of the embedded backend.

``make relevance`` prints the engine beside the embedded backends, kind by kind.
"""

import pytest

from search.demo import load_corpus_documents
from search.relevance import load_judgments
from search.relevance.metrics import by_kind, evaluate, failures
from search.relevance.rankers import backend_ranker, site_ranker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("engine", ["smartcn", "icu"], indirect=True)
def test_relevance_suite_on_the_engine(engine, catalogue):
    pages = load_corpus_documents(catalogue)
    engine.rebuild()
    key_of = {page.pk: key for key, page in pages.items()}
    judgments = load_judgments()

    on_engine = evaluate(judgments, site_ranker(key_of))
    # Recall@10 >= 0.95 on words, 0.9 on questions and everyday words, every 文号 first, zero stays zero.
    assert failures(on_engine) == [], by_kind(on_engine)
    # The engine alone, given the query as typed, finds the documents by their own words.
    assert by_kind(evaluate(judgments, backend_ranker(key_of)))["word"]["recall@10"] >= 0.9
