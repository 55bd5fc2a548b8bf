"""Benchmark: import throughput of generated catalogue lines on a fresh database.

python -m bench.catalogue                     # 10,000 documents (the target: 300 a second)
python -m bench.catalogue --documents 100000  # 100,000 (under 6 minutes)
python -m bench.catalogue --documents 200     # a quick smoke run

Uses a scratch database (``<DATABASE_URL name>_catalogue`` on PostgreSQL, a SQLite file otherwise),
so the figure printed is for the database it names.  Besides the whole run it prints the rate
of each tenth of the file, in whole batches (a rate that falls as the catalogue grows shows there), the CPU time
of this process and the load average (the machine may be shared).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from django.db import connection
from django.test import override_settings

from wagtail.models import Page, Site

from bench.common import scratch_database
from core.identifiers import unified_social_credit_code
from disclosure.catalogue_io import Importer
from disclosure.models import CatalogueIndexPage, DisclosureIndexPage, Organisation, PolicyDocumentPage
from disclosure.synthetic import synthetic_lines
from home.models import HomePage


def _prepare_site():
    root = Page.get_first_root_node()
    home = HomePage(title="示例市人民政府", slug="bench-home")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    disclosure = DisclosureIndexPage(title="政府信息公开", slug="xxgk")
    home.add_child(instance=disclosure)
    catalogue = CatalogueIndexPage(title="政府信息公开目录", slug="mulu")
    disclosure.add_child(instance=catalogue)
    organisations = []
    for n, (name, short) in enumerate(
        [("示例市人民政府办公室", "市政府办"), ("示例市财政局", "市财政局"), ("示例市教育局", "市教育局"),
         ("示例市民政局", "市民政局"), ("示例市交通运输局", "市交通局")],
        start=1,
    ):  # fmt: skip
        Organisation.objects.create(
            name=name, short_name=short, unit_code=unified_social_credit_code("11000000MB", 9000 + n)
        )
        organisations.append((name, short, short[:3] + "发"))
    return organisations


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args(argv)

    with (
        tempfile.TemporaryDirectory() as tmp,
        override_settings(MEDIA_ROOT=str(Path(tmp) / "media")),
        scratch_database("catalogue"),
    ):
        organisations = _prepare_site()
        path = Path(tmp) / "catalogue.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for line in synthetic_lines(args.documents, organisations):
                handle.write(line + "\n")
        marks = []
        # Whole batches: the importer reads a batch of lines, then imports it.
        step = max(args.documents // 10 // Importer.BATCH, 1) * Importer.BATCH

        def lines(handle):
            for number, line in enumerate(handle):
                if number % step == 0:
                    marks.append((number, time.perf_counter()))
                yield line

        load = os.getloadavg()
        started, cpu = time.perf_counter(), time.process_time()
        with path.open(encoding="utf-8") as handle:
            report = Importer(base_dir=path.parent).run(lines(handle))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        marks.append((args.documents, started + elapsed))
        stored = PolicyDocumentPage.objects.count()
    if report.errors:
        print(f"catalogue import: {len(report.errors)} lines failed, first: {report.errors[0]}", file=sys.stderr)
        return 1
    if stored != args.documents:
        print(f"catalogue import: {stored} documents stored, {args.documents} expected", file=sys.stderr)
        return 1
    slices = [
        f"{(b - a) / (tb - ta):.0f}" for (a, ta), (b, tb) in zip(marks, marks[1:], strict=False) if b > a and tb > ta
    ]
    rate = report.created / elapsed if elapsed else 0.0
    print(
        f"catalogue import: {report.created} documents in {elapsed:.1f} s = {rate:.1f} docs/second ({connection.vendor}); "
        f"CPU {cpu:.1f} s in this process; load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after\n"
        f"  docs/second per {step:,} lines: {' '.join(slices)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
