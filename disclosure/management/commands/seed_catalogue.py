import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure.catalogue_io import import_catalogue
from disclosure.models import Organisation, PolicyDocumentPage
from disclosure.synthetic import synthetic_lines


class Command(BaseCommand):
    help = "Add a large synthetic catalogue (plausible titles, bodies and metadata) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        organisations = [
            (o.name, o.short_name or o.name, (o.short_name or o.name)[:4] + "发")
            for o in Organisation.objects.all()[:20]
        ]
        if not organisations:
            raise CommandError("还没有机构，请先运行 load_demo 或在后台添加机构。")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "seed.jsonl"
            # Serial numbers after the existing ones keep 文号 distinct between runs (an import
            # skips a document it already has: same 机构, 标题, 文号 and 成文日期).
            start = PolicyDocumentPage.objects.count()
            with path.open("w", encoding="utf-8") as handle:
                for line in synthetic_lines(options["documents"], organisations, seed=options["seed"], start=start):
                    handle.write(line + "\n")
            started = time.perf_counter()
            report = import_catalogue(path)
            elapsed = time.perf_counter() - started
        for line, message in report.errors[:20]:
            self.stderr.write(f"第 {line} 行：{message}")
        skipped = f"已存在，跳过 {len(report.skipped)} 件；" if report.skipped else ""
        self.stdout.write(f"已生成 {report.created} 件文件，{skipped}用时 {elapsed:.1f} 秒。")
