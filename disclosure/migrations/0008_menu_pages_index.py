"""An index of the pages shown in menus, by depth and tree path, for the site's menus.

Every public page lists the home page's children shown in menus (``core.navigation``).
Wagtail (treebeard) finds children by depth and by the range of paths below the parent;
with the path index alone that range holds every page of the site, so the menu read all
100,000 documents (60 ms on SQLite). This index holds the few pages shown in menus, by
depth first: 0.05 ms. It is partial, so that no other query is planned on it (an index
on every page's depth made SQLite walk the catalogue by depth instead of by date). The
index is on Wagtail's table, so it is made with SQL.
"""

from django.db import migrations

NAME = "gongkai_page_menu"


def create(apps, schema_editor):
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page (depth, path) WHERE show_in_menus")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0007_live_page_type_path_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
