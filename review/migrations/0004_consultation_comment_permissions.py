"""Reviewers handle consultation comments: 初审 for their department, 复审 / 终审 for all (the disclosure office)."""

from django.db import migrations

GRANTS = {
    "初审": ["view_comment", "change_comment", "view_contact"],
    "复审": ["view_comment", "change_comment", "view_contact"],
    "终审": ["view_comment", "change_comment", "view_contact"],
    "监督员": ["view_comment"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="consultations", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="consultations", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0003_site_admin_manages_departments"),
        ("consultations", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
