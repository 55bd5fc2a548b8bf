"""Scoring the judged set: recall@10, MRR and nDCG@10 per kind of query, and the targets the search must meet.

Used by ``bench/relevance.py`` (``make relevance``) and by the relevance test in
``search/tests/test_relevance.py``, so both measure the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

K = 10
KINDS = ("word", "question", "everyday", "docnum", "offtopic")

#: Minimum recall@10 per kind for the site search; every 文号 first; every off-topic query empty.
TARGETS = {"word": 0.95, "question": 0.9, "everyday": 0.9, "docnum": 1.0}


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** relevant.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def evaluate(judgments: list[dict], ranker: Callable[[str], list[str]]) -> dict[str, list[dict]]:
    """One row per judged query, by kind: recall@10, reciprocal rank, nDCG@10 (and ``first``, ``empty``)."""
    rows: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    for judgment in judgments:
        ranked = ranker(judgment["q"])
        relevant = judgment["relevant"]
        if judgment["kind"] == "offtopic":
            rows["offtopic"].append({"q": judgment["q"], "empty": not ranked, "n": len(ranked)})
            continue
        top = ranked[:K]
        recall = len(set(top) & set(relevant)) / len(relevant)
        rr = next((1 / (i + 1) for i, key in enumerate(ranked) if key in relevant), 0.0)
        row = {"q": judgment["q"], "recall": recall, "rr": rr, "ndcg": ndcg(ranked, relevant), "top": top[:3]}
        if judgment["kind"] == "docnum":
            row["first"] = bool(ranked) and ranked[0] == judgment["first"]
            if not row["first"]:
                row["recall"] = min(row["recall"], 0.0)
        rows[judgment["kind"]].append(row)
    return rows


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def by_kind(rows: dict[str, list[dict]]) -> dict[str, dict[str, float]]:
    """``{kind: {"recall@10", "MRR", "nDCG@10", "n"}}``; off-topic: the share answered with nothing."""
    table = {}
    for kind in KINDS:
        kind_rows = rows.get(kind, [])
        if kind == "offtopic":
            table[kind] = {"empty": mean(r["empty"] for r in kind_rows), "n": len(kind_rows)}
        else:
            table[kind] = {
                "recall@10": mean(r["recall"] for r in kind_rows),
                "MRR": mean(r["rr"] for r in kind_rows),
                "nDCG@10": mean(r["ndcg"] for r in kind_rows),
                "n": len(kind_rows),
            }
    return table


def failures(rows: dict[str, list[dict]]) -> list[str]:
    """The targets not met, in words (empty when every target is met)."""
    table = by_kind(rows)
    missed = []
    for kind, minimum in TARGETS.items():
        if table[kind]["n"] and table[kind]["recall@10"] < minimum:
            missed.append(f"{kind}: recall@10 {table[kind]['recall@10']:.3f} < {minimum}")
    missed += [f"docnum not first: {r['q']} -> {r['top']}" for r in rows["docnum"] if not r["first"]]
    missed += [f"offtopic found {r['n']}: {r['q']}" for r in rows["offtopic"] if not r["empty"]]
    return missed


def misses(rows: dict[str, list[dict]]) -> list[dict]:
    """Judged queries whose relevant documents are not all in the first ten."""
    return [r for kind in ("word", "question", "everyday", "docnum") for r in rows[kind] if r["recall"] < 1]
