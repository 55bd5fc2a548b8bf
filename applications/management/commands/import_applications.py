from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from applications.importing import import_applications


class Command(BaseCommand):
    help = "Import a register of applications from an xlsx or CSV file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="check every row, save nothing")

    def handle(self, path, dry_run=False, **options):
        file = Path(path)
        if not file.exists():
            raise CommandError(f"找不到文件：{path}")
        result = import_applications(file.name, file.read_bytes(), dry_run=dry_run)
        for error in result.errors:
            self.stderr.write(error)
        if result.errors:
            raise CommandError(f"共 {result.rows} 行，发现 {len(result.errors)} 处错误，未导入任何申请。")
        if dry_run:
            self.stdout.write(f"检查通过：共 {result.rows} 行，可以导入（试运行，未保存）。")
        else:
            self.stdout.write(f"已导入 {result.created} 件申请。")
