"""Benchmark: a full site inspection of N documents, and the per-revision check at review.

python -m bench.inspection                     # 100,000 documents (target: under 10 minutes)
python -m bench.inspection --documents 2000    # a quick smoke run

Uses a scratch database (``<DATABASE_URL name>_inspection`` on PostgreSQL, a SQLite file otherwise).
The per-revision check is what the approve form runs on a long document: the personal-data
scan and the registered approval checks (错敏词 and internal links), each over every text.
"""

import argparse
import datetime
import statistics
import sys
import time

from django.db import connection

from wagtail.rich_text import RichText

from bench.common import make_site, scratch_database
from bench.search import generate_documents
from core.page_text import page_text
from disclosure.models import Organisation, PolicyDocumentPage
from inspection.models import Finding
from inspection.review import review_findings
from inspection.run import inspect_site
from inspection.words import get_matcher
from review.rules import approval_check_findings, scan_page


def long_document(catalogue, paragraphs):
    """A saved draft revision of a long document with planted words and links: (page, revision)."""
    organisation = Organisation.objects.order_by("pk").first()
    sentence = (
        "为深入贯彻落实国务院办公厅关于全面推进政务公开工作的意见，进一步提升政府信息公开质量，"
        "各单位要按照市人民政府的统一部署，认真做好政策解读、回应关切和信息发布工作。"
    )
    blocks = []
    for n in range(paragraphs):
        extra = "（参见国务院办公室文件）" if n % 50 == 0 else ""
        link = f'<a href="https://www.gov.cn/zhengce/{n}.htm">相关政策</a>' if n % 20 == 0 else ""
        blocks.append(("paragraph", RichText(f"<p>第{n + 1}条 {sentence}{extra}{link}</p>")))
    page = PolicyDocumentPage(
        title="示例市政务公开工作实施细则（长文档）",
        slug="bench-long-document",
        organisation=organisation,
        formed_on=datetime.date(2026, 11, 2),
        summary="长文档性能测试。",
        body=blocks,
    )
    catalogue.add_child(instance=page)
    revision = page.save_revision()
    return page, revision


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument(
        "--paragraphs", type=int, default=600, help="paragraphs of the long document (about 60 chars each)"
    )
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    with scratch_database("inspection"):
        catalogue = make_site()
        started = time.perf_counter()
        generate_documents(catalogue, args.documents)
        print(f"inspection bench: generated {args.documents} documents in {time.perf_counter() - started:.0f} s")
        get_matcher()

        started = time.perf_counter()
        found = inspect_site()
        full = time.perf_counter() - started
        rate = args.documents / full if full else 0.0
        print(
            f"full inspection ({connection.vendor}): {args.documents} documents in {full:.1f} s "
            f"= {rate:.0f} docs/second, {len(found)} findings, {Finding.objects.count()} stored (target < 600 s)"
        )

        _page, revision = long_document(catalogue, args.paragraphs)
        characters = len(page_text(revision.as_object()).text)
        timings = []
        for _n in range(args.repeat):
            started = time.perf_counter()
            page = revision.as_object()
            hits = scan_page(page)
            findings = approval_check_findings(page)
            timings.append((time.perf_counter() - started) * 1000)
        if not review_findings(revision.as_object()):
            print("per-revision check: the planted words were not found", file=sys.stderr)
            return 1
        print(
            f"per-revision check at review: {characters} characters, {len(findings)} findings, "
            f"{len(hits)} personal-data hits: median {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms (target < 200 ms)"
        )
    return 0 if full < 600 and statistics.median(timings) < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
