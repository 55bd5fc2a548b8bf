"""Search benchmark: indexing throughput and query latency at 10,000 and 100,000 documents.

    python -m bench.search                       # SQLite, 10k and 100k
    python -m bench.search --sizes 2000          # a quick run
    DATABASE_URL=postgres://... python -m bench.search
    python -m bench.search --no-stock            # skip stock modelsearch
    OPENSEARCH_URL=http://127.0.0.1:9250 python -m bench.search   # add a real OpenSearch node

Documents come from ``generate_documents`` below (bulk inserts of synthetic
PolicyDocumentPages in the site's vocabulary: the topics, genres, 发文机关 and 文号 of
``QUERIES``, so that every query but the deliberately off-topic one finds documents), or
from ``manage.py seed_catalogue`` with ``--source auto``.  Each size runs in a scratch
database: generate, ``update_index`` (documents per second), then every query in
``QUERIES`` ``--repeat`` times, timing the ORM query (the first result page of 10 by
relevance, and the count, separately) and then the whole ``/search/`` page a citizen
waits for (``bench/pages.py``: results, total, facets, the query log and the template),
with the number of hits each query shows; last, the catalogue page unfiltered, with one
and two filters and at page 500.
Stock modelsearch is measured on the same data where it finishes: it gets a
smaller query budget and is skipped past ``--stock-timeout`` seconds a query.
With ``--engine-url`` (default ``OPENSEARCH_URL``) the same data are indexed into that
OpenSearch node (``search.backends.opensearch2``, ``--engine-profile``) and queried the same
way; ``make bench`` starts a node from ``search/engine/`` when Java and Maven are installed.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import random
import sys
import time
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command, get_commands
from django.db import connection, transaction

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from bench import pages as page_timing
from bench.common import make_site, percentile, rebuild, scratch_database, use_backend
from disclosure.builders import body_blocks, get_organisation
from disclosure.models import PolicyDocumentPage

QUERIES = [
    "信息公开",
    "政府信息公开",
    "最低生活保障",
    "低保",
    "公积金提取",
    "住房公积金",
    "医保",
    "营商环境",
    "河长制",
    "行政规范性文件",
    "养老服务",
    "义务教育",
    "示政办发〔2024〕3号",
    "示政办发[2024]3号",
    "2024-00012",
    "实施办法",
    "通知",
    "空气质量改善",
    "火星移民计划",  # off-topic on purpose: the zero-result page (its suggestions) is timed too
    "异地就医直接结算",
]

TOPICS = [
    "最低生活保障",
    "住房公积金",
    "营商环境",
    "河长制",
    "政府信息公开",
    "行政规范性文件",
    "医疗保险",
    "养老服务",
    "义务教育",
    "就业创业",
    "安全生产",
    "生态环境保护",
    "乡村振兴",
    "食品安全",
    "城市更新",
    "异地就医",
    "失业保险",
    "残疾人补贴",
    "招生入学",
    "价格监管",
    "农村公路",
    "消防安全",
    "文物保护",
    "公共租赁住房",
    "水污染防治",
    "大气污染防治",
    "科技创新",
    "人才引进",
    "数字政府",
    "应急管理",
]
FORMS = ["实施办法", "管理办法", "工作方案", "实施意见", "通知", "若干措施", "工作要点", "实施细则", "暂行规定"]
PREFIXES = ["示政办发", "示政发", "示民规", "示公积金发", "示医保发", "示人社规", "示环发", "示水发", "示教发"]
SENTENCES = [
    "各区人民政府，市政府各部门：现将有关事项通知如下，请认真贯彻执行。",
    "本办法所称{t}，是指依照有关法律法规和本市规定实施的相关工作。",
    "市{t}工作领导小组负责统筹协调，日常工作由牵头部门承担。",
    "各部门要按照职责分工，细化工作措施，确保{t}各项任务落到实处。",
    "申请人可以通过政务服务网或者窗口提交申请材料，经办机构应当在规定时限内办结。",
    "对在{t}工作中成绩突出的单位和个人，按照有关规定给予表扬。",
    "本办法自发布之日起施行，有效期五年。",
    "有关数据和办理结果应当依法向社会公开，接受群众监督。",
    "缴存职工购买、租赁自住住房的，可以申请公积金提取，经办网点当场审核。",
    "到二〇二五年，全市空气质量改善目标全面完成，重污染天数明显减少。",
    "参保人员跨省异地就医直接结算的，按照就医地规定的支付范围执行。",
]


def generate_documents(catalogue, n: int, seed: int = 20240101, batch: int = 2000) -> None:
    """Bulk-insert ``n`` synthetic live PolicyDocumentPages under ``catalogue``."""
    rng = random.Random(seed)
    organisations = [get_organisation(f"示例市第{i}委办局", 9100 + i) for i in range(1, 21)]
    content_type = ContentType.objects.get_for_model(PolicyDocumentPage)
    catalogue = Page.objects.get(pk=catalogue.pk)
    start_child = catalogue.numchild
    child_fields = list(PolicyDocumentPage._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in child_fields)
    placeholders = ", ".join(["%s"] * len(child_fields))
    insert_sql = f"INSERT INTO {connection.ops.quote_name(PolicyDocumentPage._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    now = datetime.datetime.now(datetime.UTC)
    done = 0
    while done < n:
        size = min(batch, n - done)
        pages, children = [], []
        for i in range(done, done + size):
            topic = rng.choice(TOPICS)
            year = rng.randint(2015, 2025)
            # The 文号 and 索引号 of QUERIES exist: documents 2 and 12 are from 2024 (示政办发〔2024〕3号, …/2024-00012).
            year = 2024 if i in (2, 12) else year
            title = f"示例市{rng.choice(['', '关于', '进一步'])}{topic}{rng.choice(FORMS)}（{year}年第{i}号）"
            body = "\n".join(rng.choice(SENTENCES).format(t=rng.choice(TOPICS)) for _ in range(rng.randint(3, 7)))
            path = Page._get_path(catalogue.path, catalogue.depth + 1, start_child + i + 1)
            pages.append(
                Page(
                    path=path,
                    depth=catalogue.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=f"bench-{i}",
                    content_type=content_type,
                    live=True,
                    url_path=f"{catalogue.url_path}bench-{i}/",
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=catalogue.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
            formed_on = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            children.append(
                PolicyDocumentPage(
                    title=title,
                    organisation=rng.choice(organisations),
                    formed_on=formed_on,
                    # Published a few days after it was formed, so the catalogue's date order and year filter mean something.
                    published_at=datetime.datetime.combine(
                        formed_on + datetime.timedelta(days=rng.randint(1, 20)), datetime.time(9), datetime.UTC
                    ),
                    document_number=f"{'示政办发' if i == 2 else rng.choice(PREFIXES)}〔{year}〕{i % 997 + 1}号",
                    index_number=f"11420800MB1234567X/{year}-{i:05d}",
                    body=body_blocks(body),
                    summary="",
                )
            )
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
            rows = []
            for page, child in zip(created, children, strict=True):
                child.page_ptr_id = page.pk
                child.document_number_normalised = child.document_number
                rows.append([f.get_db_prep_save(f.pre_save(child, True), connection) for f in child_fields])
            with connection.cursor() as cursor:
                cursor.executemany(insert_sql, rows)
        done += size
    Page.objects.filter(pk=catalogue.pk).update(numchild=start_child + n)


def seed(catalogue, n: int, source: str = "auto") -> str:
    if source != "generator" and "seed_catalogue" in get_commands():
        # seed_catalogue draws its 发文机关 from existing organisations.
        for i in range(1, 21):
            get_organisation(f"示例市第{i}委办局", 9100 + i)
        call_command("seed_catalogue", documents=n, stdout=io.StringIO())
        return "seed_catalogue"
    generate_documents(catalogue, n)
    return "bench generator"


def time_queries(backend: str, repeat: int, budget: float) -> dict | None:
    """The ORM query alone: the first 10 results, then the count, ``repeat`` times over ``QUERIES``."""
    first_page, counts = [], []
    deadline = time.perf_counter() + budget
    for _ in range(repeat):
        for q in QUERIES:
            start = time.perf_counter()
            list(PolicyDocumentPage.objects.live().search(q, backend=backend)[:10])
            first_page.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            PolicyDocumentPage.objects.live().search(q, backend=backend).count()
            counts.append((time.perf_counter() - start) * 1000)
            if time.perf_counter() > deadline:
                return {"first": first_page, "count": counts, "partial": True}
    return {"first": first_page, "count": counts, "partial": False}


def run_size(n: int, args) -> list[str]:
    lines = []
    with scratch_database(f"bench{n}"):
        catalogue = make_site()
        start = time.perf_counter()
        source = seed(catalogue, n, args.source)
        generated = time.perf_counter() - start
        use_backend("stock", "modelsearch.backends.database")
        backends = [("embedded (segmented)", "default")]
        if not args.no_stock and n <= args.stock_max:
            backends.append(("stock modelsearch", "stock"))
        if args.engine_url:
            settings.WAGTAILSEARCH_BACKENDS = {
                **settings.WAGTAILSEARCH_BACKENDS,
                "engine": {
                    "BACKEND": "search.backends.opensearch2",
                    "URLS": [args.engine_url],
                    "INDEX_PREFIX": f"bench{n}_",
                    "ANALYZER_PROFILE": args.engine_profile,
                    "TIMEOUT": 120,
                    "AUTO_UPDATE": False,
                },
            }
            backends.append((f"OpenSearch ({args.engine_profile})", "engine"))
        for label, name in [] if args.catalogue_only else backends:
            seconds = rebuild(name)
            # Warm up (segmenter dictionary, statement caches).
            list(PolicyDocumentPage.objects.live().search("公开", backend=name)[:10])
            budget = args.stock_budget if name == "stock" else args.budget
            timings = time_queries(name, 1 if name == "stock" else args.repeat, budget)
            lines.append(
                f"{connection.vendor:<10} {n:>7} {label:<22} index {n / seconds:>8.0f} docs/s ({seconds:6.1f} s)  "
                f"first page p50 {percentile(timings['first'], 50):7.1f} ms  p95 {percentile(timings['first'], 95):7.1f} ms  "
                f"count p50 {percentile(timings['count'], 50):7.1f} ms  p95 {percentile(timings['count'], 95):7.1f} ms"
                + (f"  (partial: {len(timings['first'])} queries within budget)" if timings["partial"] else "")
            )
            print(lines[-1], flush=True)
            if name != "stock" and not args.no_pages:
                lines += report_search_page(n, label, name, args)
        if not args.no_pages:
            lines += report_catalogue(n, catalogue)
        if args.engine_url:
            get_search_backend("engine").es.indices.delete(index=f"bench{n}_*")
        lines.append(f"{'':<10} {n:>7} documents from {source} in {generated:.1f} s")
        print(lines[-1], flush=True)
    return lines


def report_search_page(n: int, label: str, backend: str, args) -> list[str]:
    """The whole /search/ page per query, with the total it shows, then p50/p95 over every query."""
    timed = page_timing.time_search_page(QUERIES, backend, args.repeat, args.budget)
    lines = [f"  /search/ page, {label}: hits shown and time per query"]
    for query, entry in timed["queries"].items():
        if entry["ms"]:
            lines.append(f"    {query:<20} {entry['hits']:>7} hits  {page_timing.summary(entry['ms'])}")
    lines.append(
        f"{connection.vendor:<10} {n:>7} {label:<22} /search/ page (results, count, facets, template) "
        f"{page_timing.summary(timed['all'])}" + ("  (partial)" if timed["partial"] else "")
    )
    for line in lines:
        print(line, flush=True)
    return lines


def report_catalogue(n: int, catalogue) -> list[str]:
    lines = []
    for label, listed, timings in page_timing.time_catalogue(catalogue):
        lines.append(
            f"{connection.vendor:<10} {n:>7} catalogue page, {label:<28} {listed:>7} documents  "
            f"median {percentile(timings, 50):6.1f} ms  p95 {percentile(timings, 95):6.1f} ms"
        )
        print(lines[-1], flush=True)
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated document counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the query list (embedded backend)")
    parser.add_argument("--budget", type=float, default=120, help="seconds of queries per size (embedded)")
    parser.add_argument("--stock-budget", type=float, default=60, help="seconds of queries per size (stock)")
    parser.add_argument(
        "--source",
        choices=["auto", "generator"],
        default="generator",
        help="generator (default): bulk inserts of documents in the site's vocabulary; auto: seed_catalogue",
    )
    parser.add_argument("--no-stock", action="store_true", help="skip stock modelsearch")
    parser.add_argument("--no-pages", action="store_true", help="time the ORM queries only, not the pages")
    parser.add_argument(
        "--catalogue-only", action="store_true", help="time the catalogue page only (no index, no search)"
    )
    parser.add_argument("--engine-url", default=os.environ.get("OPENSEARCH_URL", ""), help="an OpenSearch node")
    parser.add_argument("--engine-profile", default="smartcn", help="analyzer profile on the engine")
    parser.add_argument(
        "--stock-max", type=int, default=10000, help="largest size for stock modelsearch (its queries take seconds)"
    )
    args = parser.parse_args(argv)
    print(f"{len(QUERIES)} queries; first page = 10 results by relevance; count = total hits")
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        run_size(n, args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
