"""Wagtail's default groups, task and workflow get Chinese names (the admin lists them by name)."""

from django.db import migrations

RENAMES = [
    ("auth", "Group", "Editors", "编辑（Wagtail 默认）"),
    ("auth", "Group", "Moderators", "审核员（Wagtail 默认）"),
    ("wagtailcore", "Task", "Moderators approval", "审核员审批（Wagtail 默认）"),
    ("wagtailcore", "Workflow", "Moderators approval", "审核员审批流程（Wagtail 默认）"),
]


def rename(apps, schema_editor, forwards=True):
    for app_label, model_name, english, chinese in RENAMES:
        model = apps.get_model(app_label, model_name)
        old, new = (english, chinese) if forwards else (chinese, english)
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0004_consultation_comment_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
