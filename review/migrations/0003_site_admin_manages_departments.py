"""Site administrators manage groups and which group belongs to which department."""

from django.db import migrations

PERMISSIONS = [
    ("auth", "add_group"),
    ("auth", "change_group"),
    ("auth", "view_group"),
    ("review", "add_departmentgroup"),
    ("review", "change_departmentgroup"),
    ("review", "delete_departmentgroup"),
    ("review", "view_departmentgroup"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="网站管理员").first()
    if group is None:
        return
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("review", "0002_role_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
