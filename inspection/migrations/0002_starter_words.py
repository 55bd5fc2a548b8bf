from django.db import migrations

from inspection.starter_words import starter_entries


def load_starter_words(apps, schema_editor):
    word_entry = apps.get_model("inspection", "WordEntry")
    version = apps.get_model("inspection", "WordListVersion")
    existing = set(word_entry.objects.values_list("word", flat=True))
    word_entry.objects.bulk_create(
        [
            word_entry(word=word, kind=kind, correction=correction, note=note)
            for word, kind, correction, note in starter_entries()
            if word not in existing
        ]
    )
    version.objects.update_or_create(pk=1, defaults={"version": 1})


OFFICE_GROUPS = ["复审", "终审", "网站管理员", "监督员"]


def grant_office_permission(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    content_type, _created = content_type_model.objects.get_or_create(app_label="inspection", model="finding")
    permission, _created = permission_model.objects.get_or_create(
        content_type=content_type, codename="view_all_findings", defaults={"name": "查看全部部门的网站检查结果"}
    )
    for name in OFFICE_GROUPS:
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0001_initial"),
        ("review", "0002_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_starter_words, migrations.RunPython.noop),
        migrations.RunPython(grant_office_permission, migrations.RunPython.noop),
    ]
