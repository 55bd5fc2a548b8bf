"""Elasticsearch backend, tier 3: the judged relevance suite against a real cluster.

Runs only when ``ELASTICSEARCH_URL`` is set in the test environment (see
search/README.md); otherwise every test here is skipped with that reason, so
a skip is never mistaken for a pass.
"""

import io
import os

from django.core.management import call_command

import pytest

from bench.relevance import evaluate, summary
from disclosure.models import PolicyDocumentPage
from search.demo import load_corpus_documents
from search.relevance import load_judgments

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ELASTICSEARCH_URL,
        reason="tier 3 skipped: ELASTICSEARCH_URL is not set (no real Elasticsearch to test against)",
    ),
]


@pytest.fixture
def real_es(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "es": {
            "BACKEND": os.environ.get("ELASTICSEARCH_BACKEND", "search.backends.elasticsearch"),
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "gongkai_test_"),
            "ANALYZER_PROFILE": os.environ.get("ELASTICSEARCH_ANALYZER", "ik"),
        },
    }
    yield "es"


def test_relevance_suite(real_es, catalogue):
    pages = load_corpus_documents(catalogue)
    call_command("update_index", backend_name=real_es, stdout=io.StringIO())
    key_of = {page.pk: key for key, page in pages.items()}

    def ranker(q):
        return [
            key_of[p.pk] for p in PolicyDocumentPage.objects.live().search(q, backend=real_es)[:50] if p.pk in key_of
        ]

    rows = evaluate(load_judgments(), ranker)
    result = summary(rows)
    assert result["recall@10 (word)"] >= 0.95, result
    assert all(r["first"] for r in rows["docnum"]), [r["q"] for r in rows["docnum"] if not r["first"]]
