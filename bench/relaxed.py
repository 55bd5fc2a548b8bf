"""Benchmark: first-page latency of the site search for questions (analysis + strict + relaxed search) at N documents.

    python -m bench.relaxed                      # SQLite, 10,000 documents (target: p95 < 100 ms)
    python -m bench.relaxed --documents 2000     # a quick run
    DATABASE_URL=postgres://... python -m bench.relaxed

``make bench`` runs it after ``bench.search`` (``bench.run``).  Each query goes
through ``search.query.search`` exactly as the search page does (question words
dropped, strict search, the relaxed search when that finds less than a page,
corrections when it finds nothing) and the first ten results are loaded.  Documents
come from ``bench.search``'s generator (the site's vocabulary) unless ``--source
auto``, plus the judged relevance corpus.  Printed: each question's hits (the total
the page shows), whether it was relaxed and its p50/p95, then p50/p95/max over all
questions and over the relaxed ones, with the load average (timings on a shared
machine mean little without it), and this process's CPU time per search.
"""

from __future__ import annotations

import argparse
import os
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
    """``{question: {"hits", "relaxed", "ms": [...], "cpu": [...]}}`` over ``repeat`` runs of ``QUESTIONS``."""
    timed = {q: {"hits": 0, "relaxed": False, "ms": [], "cpu": []} for q in QUESTIONS}
    for _ in range(repeat):
        for q in QUESTIONS:
            start, cpu = time.perf_counter(), time.process_time()
            outcome = search(SearchParams(query=q), corrections=corrections)
            list(outcome.results[:10])
            timed[q]["ms"].append((time.perf_counter() - start) * 1000)
            timed[q]["cpu"].append((time.process_time() - cpu) * 1000)
            timed[q]["hits"], timed[q]["relaxed"] = outcome.count, outcome.relaxed
    return timed


def summary(values: list[float]) -> str:
    return f"p50 {percentile(values, 50):7.1f} ms  p95 {percentile(values, 95):7.1f} ms  max {max(values, default=0):7.1f} ms"


def run(n: int = 10_000, repeat: int = 5, source: str = "generator") -> list[str]:
    """Seed ``n`` documents plus the judged corpus, index, time the questions; returns the lines printed."""
    with scratch_database(f"relaxed{n}"):
        catalogue = make_site()
        seed(catalogue, n, source)
        load_corpus_documents(catalogue)
        rebuild("default")
        time_questions(1)  # warm up: segmenter, vocabulary, statement caches
        timed = time_questions(repeat)
    lines = [f"  site search of {len(QUESTIONS)} questions at {n} documents: hits shown and first page, {repeat} runs"]
    for q, entry in timed.items():
        # The question last: Han characters are two columns wide.
        lines.append(
            f"    {entry['hits']:>6} hits  {'relaxed' if entry['relaxed'] else 'strict':<7}  "
            f"p50 {percentile(entry['ms'], 50):7.1f} ms  p95 {percentile(entry['ms'], 95):7.1f} ms  {q}"
        )
    every = [ms for entry in timed.values() for ms in entry["ms"]]
    relaxed = [ms for entry in timed.values() if entry["relaxed"] for ms in entry["ms"]]
    cpu = [ms for entry in timed.values() for ms in entry["cpu"]]
    load = "  load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    lines.append(
        f"{connection.vendor:<10} {n:>7} site search, questions (relaxed {sum(e['relaxed'] for e in timed.values())}"
        f"/{len(QUESTIONS)})  first page {summary(every)}{load}"
    )
    lines.append(
        f"{connection.vendor:<10} {n:>7} site search, relaxed questions only       first page {summary(relaxed)}"
    )
    # Less sensitive to other processes than wall time: on SQLite the whole search, on PostgreSQL the client's part.
    lines.append(f"{connection.vendor:<10} {n:>7} site search, this process's CPU time      first page {summary(cpu)}")
    for line in lines:
        print(line, flush=True)
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--source",
        choices=["auto", "generator"],
        default="generator",
        help="generator (default): bench.search's documents in the site's vocabulary; auto: seed_catalogue",
    )
    args = parser.parse_args(argv)
    run(args.documents, args.repeat, args.source)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
