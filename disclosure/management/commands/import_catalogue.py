from django.core.management.base import BaseCommand, CommandError

from disclosure.catalogue_io import KIND_LABELS, import_catalogue


class Command(BaseCommand):
    help = (
        "Import documents and interpretations from a JSON Lines file (one per line); "
        "lines imported already are skipped, so an interrupted import can be run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines file, UTF-8")
        parser.add_argument("--dry-run", action="store_true", help="validate every line, write nothing")
        parser.add_argument(
            "--create-missing", action="store_true", help="create unknown organisations, categories and genres"
        )

    def handle(self, *args, **options):
        try:
            report = import_catalogue(
                options["file"], dry_run=options["dry_run"], create_missing=options["create_missing"]
            )
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{options['file']}") from exc
        for line, message in report.errors:
            self.stderr.write(f"第 {line} 行：{message}")
        if options["verbosity"] >= 2:
            for line in report.skipped:
                self.stdout.write(f"第 {line} 行：已存在，跳过")
        for kind, name in report.created_reference:
            self.stdout.write(f"已新建{KIND_LABELS[kind]}：{name}")
        verb = "校验通过（未写入）" if report.dry_run else "已导入"
        skipped = f"已存在，跳过 {len(report.skipped)} 行；" if report.skipped else ""
        self.stdout.write(
            f"{verb}：文件 {report.created} 件，政策解读 {report.interpretations} 篇；"
            f"{skipped}出错 {len(report.errors)} 行。"
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} 行有错误，这些行没有导入。")
