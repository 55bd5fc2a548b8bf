from django.core.management.base import BaseCommand

from disclosure.catalogue_io import export_lines


class Command(BaseCommand):
    help = "Write the catalogue (documents, then interpretations) as JSON Lines, the import_catalogue format."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                count = 0
                for line in export_lines():
                    handle.write(line + "\n")
                    count += 1
            self.stderr.write(f"已导出 {count} 行到 {options['output']}")
        else:
            for line in export_lines():
                self.stdout.write(line)
