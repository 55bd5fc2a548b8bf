"""Roles of disclosure on request: the office registers, departments draft, the office head approves."""

from django.db import migrations

GRANTS = {
    "依申请公开登记员": [
        "add_application",
        "change_application",
        "view_application",
        "view_personal_data",
        "add_appeal",
        "change_appeal",
        "view_appeal",
        "add_calendaryear",
        "change_calendaryear",
        "view_calendaryear",
        "disclosure.add_workingdayoverride",
        "disclosure.change_workingdayoverride",
        "disclosure.view_workingdayoverride",
    ],
    "依申请公开承办人": ["view_application", "handle_application"],
    "依申请公开审批人": [
        "change_application",
        "view_application",
        "view_personal_data",
        "approve_application",
        "view_appeal",
        "view_calendaryear",
    ],
    "监督员": ["view_application", "view_appeal"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for group_name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for name in codenames:
            app_label, codename = name.split(".") if "." in name else ("applications", name)
            group.permissions.add(
                admin_access, *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[name for name in GRANTS if name.startswith("依申请公开")]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
        ("review", "0002_role_groups"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("disclosure", "0003_reference_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
