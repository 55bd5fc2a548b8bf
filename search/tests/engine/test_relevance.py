"""The judged relevance set on the real engine: the site search on it meets the targets, and scores at least as
well as on the embedded backend on words, everyday words and 文号.

``make relevance`` prints the engine beside the embedded backends, kind by kind.
"""

import io

from django.core.management import call_command

import pytest

from search.demo import load_corpus_documents
from search.relevance import load_judgments
from search.relevance.metrics import by_kind, evaluate, failures
from search.relevance.rankers import backend_ranker, site_ranker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("engine", ["smartcn", "icu"], indirect=True)
def test_relevance_suite_on_the_engine(engine, catalogue, settings):
    pages = load_corpus_documents(catalogue)
    engine.rebuild()
    key_of = {page.pk: key for key, page in pages.items()}
    judgments = load_judgments()

    on_engine = evaluate(judgments, site_ranker(key_of))
    # Recall@10 >= 0.95 on words, 0.9 on questions and everyday words, every 文号 first, zero stays zero.
    assert failures(on_engine) == [], by_kind(on_engine)
    # The engine alone, given the query as typed, finds the documents by their own words.
    assert by_kind(evaluate(judgments, backend_ranker(key_of)))["word"]["recall@10"] >= 0.9

    # Side by side with the embedded backend on the same pages: every kind of query scores no lower on the engine.
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "embedded": {"BACKEND": "search.backends.database"},
    }
    call_command("update_index", backend_name="embedded", stdout=io.StringIO())
    embedded = by_kind(evaluate(judgments, site_ranker(key_of, "embedded")))
    engine_table = by_kind(on_engine)
    lower = [
        f"{kind} {metric}: engine {engine_table[kind][metric]:.3f} < embedded {embedded[kind][metric]:.3f}"
        for kind in ("word", "question", "everyday", "docnum")
        for metric in ("recall@10", "MRR", "nDCG@10")
        if engine_table[kind][metric] < embedded[kind][metric] - 1e-9
    ]
    assert lower == []
