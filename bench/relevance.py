"""Judged relevance per kind of query: recall@10, MRR and nDCG@10, the site search and the backends side by side.

    python -m bench.relevance            # SQLite
    DATABASE_URL=postgres://... python -m bench.relevance

Builds a scratch database, publishes the documents of
``search/relevance/corpus.json`` and runs every query of ``judgments.json``
(kinds: word, question, everyday word, 文号, zero/off-topic) against

* the site search on the embedded backend (``search.query.search``: query
  analysis, relaxed search, pinyin/typo corrections, 文号 pinned first);
* the same site search on stock modelsearch (the analysis works on any backend);
* the embedded backend alone, and stock modelsearch alone, given the query as typed.

Exits non-zero when the site search misses a target (``search.relevance.metrics.TARGETS``).
"""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.db import connection

from bench.common import make_site, rebuild, scratch_database, use_backend
from search.demo import load_corpus_documents
from search.relevance import load_judgments
from search.relevance.metrics import by_kind, evaluate, failures, misses
from search.relevance.rankers import backend_ranker, site_ranker

#: An OpenSearch node to score beside the embedded backends (``make relevance`` sets it).
ENGINE_URL = os.environ.get("OPENSEARCH_URL", "")
ENGINE_PROFILES = os.environ.get("OPENSEARCH_PROFILES", "smartcn,icu,cjk")
LABELS = {"word": "word", "question": "question", "everyday": "everyday word", "docnum": "文号", "offtopic": "zero"}


def print_table(tables: dict[str, dict]) -> None:
    names = list(tables)
    print("kind".ljust(20) + "metric".ljust(12) + "".join(name[:30].ljust(32) for name in names))
    for kind, label in LABELS.items():
        metrics = ["empty"] if kind == "offtopic" else ["recall@10", "MRR", "nDCG@10"]
        for metric in metrics:
            n = tables[names[0]][kind]["n"]
            head = f"{label} ({n})".ljust(20) + ("no result" if metric == "empty" else metric).ljust(12)
            print(head + "".join(f"{tables[name][kind][metric]:.3f}".ljust(32) for name in names))


def main(argv=None) -> int:
    judgments = load_judgments()
    with scratch_database("relevance"):
        catalogue = make_site()
        pages = load_corpus_documents(catalogue)
        key_of = {page.pk: key for key, page in pages.items()}
        use_backend("stock", "modelsearch.backends.database")
        rebuild("default")
        results = {
            "site search (embedded)": evaluate(judgments, site_ranker(key_of)),
            "embedded backend alone": evaluate(judgments, backend_ranker(key_of)),
        }
        rebuild("stock")
        results["site search (stock modelsearch)"] = evaluate(judgments, site_ranker(key_of, "stock"))
        results["stock modelsearch alone"] = evaluate(judgments, backend_ranker(key_of, "stock"))
        for profile in [p for p in ENGINE_PROFILES.split(",") if p] if ENGINE_URL else []:
            # The real engine (make relevance starts one when Java and Maven are there).
            alias = f"engine_{profile}"
            settings.WAGTAILSEARCH_BACKENDS = {
                **settings.WAGTAILSEARCH_BACKENDS,
                alias: {
                    "BACKEND": "search.backends.opensearch2",
                    "URLS": [ENGINE_URL],
                    "INDEX_PREFIX": f"relevance_{profile}_",
                    "ANALYZER_PROFILE": profile,
                    "TIMEOUT": 60,
                },
            }
            rebuild(alias)
            results[f"site search (OpenSearch {profile})"] = evaluate(judgments, site_ranker(key_of, alias))
        rebuild("default")

    print(f"Relevance on {connection.vendor}: {len(pages)} documents, {len(judgments)} judged queries\n")
    print_table({name: by_kind(rows) for name, rows in results.items()})
    site = results["site search (embedded)"]
    missed = misses(site)
    if missed:
        print("\nSite search misses:")
        for row in missed:
            print(f"  {row['q']}: recall@10={row['recall']:.2f} rr={row['rr']:.2f} top={row['top']}")
    problems = failures(site)
    print("\nTargets (recall@10 word >= 0.95, question and everyday >= 0.9, every 文号 first, zero stays zero):")
    print("MET" if not problems else "NOT MET: " + "; ".join(problems))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
