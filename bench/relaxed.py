"""Benchmark: first-page latency of the site search for questions (analysis + strict + relaxed search) at N documents.

    python -m bench.relaxed                      # SQLite, 10,000 documents (target: p95 < 100 ms)
    python -m bench.relaxed --documents 2000     # a quick run
    DATABASE_URL=postgres://... python -m bench.relaxed

A separate module so that the benchmark harness (``bench.run``) can call
``run(n)`` and print its line with the others.  Each query goes through
``search.query.search`` exactly as the search page does (question words dropped,
strict search, relaxed subsets when it finds less than a page, corrections when it
finds nothing) and the first ten results are loaded.
"""

from __future__ import annotations

import argparse
import sys
import time

from django.db import connection

from bench.common import make_site, percentile, rebuild, scratch_database
from bench.search import seed
from search.demo import load_corpus_documents
from search.query import SearchParams, search
from search.vocabulary import corrections

QUESTIONS = [
    "孩子上幼儿园有补助吗",
    "失业了能领多少失业金",
    "租房可以提取公积金吗",
    "办营业执照要多久",
    "低保怎么申请",
    "异地就医怎么报销",
    "老人在家养老有什么服务",
    "大学生毕业找工作有补贴吗",
    "家里遭了火灾生活困难能申请救助吗",
    "晚上工地施工太吵怎么投诉",
    "gongjijin",
    "公基金提取",
    "示政发2026年5号",
    "公积金",
]


def time_questions(repeat: int) -> dict:
    timings, relaxed = [], 0
    for _ in range(repeat):
        for q in QUESTIONS:
            start = time.perf_counter()
            outcome = search(SearchParams(query=q), corrections=corrections)
            list(outcome.results[:10])
            timings.append((time.perf_counter() - start) * 1000)
            relaxed += outcome.relaxed
    return {"times": timings, "relaxed": relaxed // repeat}


def run(n: int = 10_000, repeat: int = 5, source: str = "auto") -> str:
    """Seed ``n`` documents plus the judged corpus, index, time the questions; returns the result line."""
    with scratch_database(f"relaxed{n}"):
        catalogue = make_site()
        seed(catalogue, n, source)
        load_corpus_documents(catalogue)
        rebuild("default")
        time_questions(1)  # warm up: segmenter, vocabulary, statement caches
        result = time_questions(repeat)
    times = result["times"]
    return (
        f"{connection.vendor:<10} {n:>7} site search, questions (relaxed {result['relaxed']}/{len(QUESTIONS)})  "
        f"first page p50 {percentile(times, 50):7.1f} ms  p95 {percentile(times, 95):7.1f} ms  max {max(times):7.1f} ms"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--source", choices=["auto", "generator"], default="auto")
    args = parser.parse_args(argv)
    print(run(args.documents, args.repeat, args.source), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
