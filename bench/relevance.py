"""Judged relevance: recall@10, MRR and nDCG@10 for the embedded backend and stock modelsearch.

    python -m bench.relevance            # SQLite in memory
    DATABASE_URL=postgres://... python -m bench.relevance

Builds a scratch database, publishes the documents of
``search/relevance/corpus.json`` and runs every query of ``judgments.json``
against (a) the site search as citizens get it (``search.query``: segmented
backend, synonyms, 文号/索引号 pinned first), (b) the segmented backend alone,
and (c) stock modelsearch on the same data.  With ``OPENSEARCH_URL`` (or ``--engine-url``) set,
also (d) the site search with that OpenSearch node as the search backend, and (e) the engine
backend alone, once per analyzer profile (``--engine-profiles``, default ``smartcn,icu,cjk``);
``make relevance`` starts a node from ``search/engine/`` when Java and Maven are installed.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

from bench.common import make_site, rebuild, scratch_database, setup_django, use_backend

K = 10


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** relevant.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def evaluate(judgments, ranker) -> dict:
    rows = {"word": [], "docnum": [], "offtopic": []}
    for judgment in judgments:
        ranked = ranker(judgment["q"])
        relevant = judgment["relevant"]
        if judgment["kind"] == "offtopic":
            rows["offtopic"].append({"q": judgment["q"], "empty": not ranked, "n": len(ranked)})
            continue
        top = ranked[:K]
        recall = len(set(top) & set(relevant)) / len(relevant)
        rr = next((1 / (i + 1) for i, key in enumerate(ranked) if key in relevant), 0.0)
        row = {"q": judgment["q"], "recall": recall, "rr": rr, "ndcg": ndcg(ranked, relevant)}
        if judgment["kind"] == "docnum":
            row["first"] = bool(ranked) and ranked[0] == judgment["first"]
        rows[judgment["kind"]].append(row)
    return rows


def summary(rows) -> dict:
    def mean(values):
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    scored = rows["word"] + rows["docnum"]
    return {
        "recall@10 (word)": mean(r["recall"] for r in rows["word"]),
        "recall@10 (all)": mean(r["recall"] for r in scored),
        "MRR": mean(r["rr"] for r in scored),
        "nDCG@10": mean(r["ndcg"] for r in scored),
        "文号 answered first": f"{sum(r['first'] for r in rows['docnum'])}/{len(rows['docnum'])}",
        "off-topic with no result": f"{sum(r['empty'] for r in rows['offtopic'])}/{len(rows['offtopic'])}",
    }


def engine_backend(url: str, profile: str) -> dict:
    return {
        "BACKEND": "search.backends.opensearch2",
        "URLS": [url],
        "INDEX_PREFIX": f"relevance_{profile}_",
        "ANALYZER_PROFILE": profile,
        "TIMEOUT": 60,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine-url", default=os.environ.get("OPENSEARCH_URL", ""), help="an OpenSearch node")
    parser.add_argument("--engine-profiles", default="smartcn,icu,cjk", help="analyzer profiles on the engine")
    args = parser.parse_args(argv)
    setup_django()
    from django.conf import settings
    from django.db import connection

    from disclosure.models import PolicyDocumentPage
    from search.demo import load_corpus_documents
    from search.query import SearchParams, exact_lookup, run_search
    from search.relevance import load_judgments

    judgments = load_judgments()
    with scratch_database("relevance"):
        catalogue = make_site()
        pages = load_corpus_documents(catalogue)
        key_of = {page.pk: key for key, page in pages.items()}
        use_backend("stock", "modelsearch.backends.database")

        def keys(results):
            return [key_of[p.pk] for p in results if p.pk in key_of]

        def site_search(q):
            pinned = exact_lookup(q)
            ranked = keys(run_search(SearchParams(query=q, type="policy"))[:50])
            if pinned is not None and pinned.pk in key_of:
                first = key_of[pinned.pk]
                ranked = [first] + [k for k in ranked if k != first]
            return ranked

        def segmented(q):
            return keys(PolicyDocumentPage.objects.live().search(q)[:50])

        def stock(q):
            return keys(PolicyDocumentPage.objects.live().search(q, backend="stock")[:50])

        rebuild("default")
        results = {"site search (embedded + 文号 pin)": evaluate(judgments, site_search)}
        results["embedded backend only"] = evaluate(judgments, segmented)
        rebuild("stock")
        results["stock modelsearch"] = evaluate(judgments, stock)
        rebuild("default")
        embedded = settings.WAGTAILSEARCH_BACKENDS
        for profile in [p for p in args.engine_profiles.split(",") if p] if args.engine_url else []:
            # The engine as the site's only backend: run_search and the 文号 pin use it as citizens would.
            settings.WAGTAILSEARCH_BACKENDS = {"default": engine_backend(args.engine_url, profile)}
            try:
                rebuild("default")
                results[f"site search (OpenSearch {profile})"] = evaluate(judgments, site_search)
                results[f"OpenSearch {profile} only"] = evaluate(judgments, segmented)
            finally:
                from wagtail.search.backends import get_search_backend

                get_search_backend("default").es.indices.delete(index=f"relevance_{profile}_*")
                settings.WAGTAILSEARCH_BACKENDS = embedded

    print(f"Relevance on {connection.vendor}: {len(pages)} documents, {len(judgments)} judged queries")
    names = list(results)
    summaries = {name: summary(rows) for name, rows in results.items()}
    metrics = list(summaries[names[0]])
    widths = [max(len(m), 7) + 2 for m in metrics]
    print("backend".ljust(40) + "".join(m.ljust(w) for m, w in zip(metrics, widths, strict=True)))
    for name in names:
        cells = []
        for metric, w in zip(metrics, widths, strict=True):
            value = summaries[name][metric]
            cells.append((f"{value:.3f}" if isinstance(value, float) else str(value)).ljust(w))
        print(name[:38].ljust(40) + "".join(cells))
    misses = [r for r in results[names[0]]["word"] if r["recall"] < 1] + [
        r for r in results[names[0]]["docnum"] if not r["first"]
    ]
    if misses:
        print("\nSite search misses:")
        for row in misses:
            print(f"  {row['q']}: recall@10={row['recall']:.2f} rr={row['rr']:.2f}")
    site = summaries[names[0]]
    ok = site["recall@10 (word)"] >= 0.95 and all(r["first"] for r in results[names[0]]["docnum"])
    print("\nTargets (recall@10 >= 0.95 on word queries, every 文号 first):", "MET" if ok else "NOT MET")
    for name in [n for n in names if n.startswith("site search (OpenSearch")]:
        engine, embedded_site = summaries[name], site
        at_least = all(engine[m] >= embedded_site[m] - 1e-9 for m in ("recall@10 (word)", "MRR", "nDCG@10"))
        print(f"{name} scores at least as well as the embedded site search:", "YES" if at_least else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
