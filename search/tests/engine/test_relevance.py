"""The judged relevance set on the real engine: at least as good as the embedded site search."""

import pytest

from bench.relevance import evaluate, summary
from disclosure.models import PolicyDocumentPage
from search.demo import load_corpus_documents
from search.query import SearchParams, exact_lookup, run_search
from search.relevance import load_judgments

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("engine", ["smartcn", "icu"], indirect=True)
def test_relevance_suite_on_the_engine(engine, catalogue):
    pages = load_corpus_documents(catalogue)
    engine.rebuild()
    key_of = {page.pk: key for key, page in pages.items()}

    def site_search(q):
        ranked = [key_of[p.pk] for p in run_search(SearchParams(query=q, type="policy"))[:50] if p.pk in key_of]
        pinned = exact_lookup(q)
        if pinned is not None and pinned.pk in key_of:
            ranked = [key_of[pinned.pk]] + [k for k in ranked if k != key_of[pinned.pk]]
        return ranked

    def engine_only(q):
        return [key_of[p.pk] for p in PolicyDocumentPage.objects.live().search(q)[:50] if p.pk in key_of]

    judgments = load_judgments()
    site = summary(evaluate(judgments, site_search))
    rows = evaluate(judgments, engine_only)
    alone = summary(rows)
    assert site["recall@10 (word)"] >= 0.95, site
    assert site["文号 answered first"].split("/")[0] == site["文号 answered first"].split("/")[1], site
    # The engine's own 文号 term clause puts the document first without the site's pin.
    assert all(r["first"] for r in rows["docnum"]), [r["q"] for r in rows["docnum"] if not r["first"]]
    assert alone["recall@10 (word)"] >= 0.9, alone
