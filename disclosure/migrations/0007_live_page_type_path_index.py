"""An index of live pages by type and tree path, for counting a catalogue's documents.

``CatalogueIndexPage.count_live_documents`` counts live pages of one type under a path;
with this partial index the count reads the index alone instead of the page table. The
index is on Wagtail's table, so it is made with SQL (PostgreSQL's ``varchar_pattern_ops``
lets ``LIKE 'prefix%'`` use it whatever the database's collation).
"""

from django.db import migrations

NAME = "gongkai_page_live_type_path"


def create(apps, schema_editor):
    pattern = " varchar_pattern_ops" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page (content_type_id, path{pattern}) WHERE live"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0006_catalogue_order_indexes"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
