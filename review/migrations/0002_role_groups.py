"""The six role groups of the review process, present on every install."""

from django.db import migrations

ADMIN = ("wagtailadmin", "access_admin")
REVIEW_RECORDS = ("review", "view_review_records")
REFERENCE_VIEW = [("disclosure", f"view_{model}") for model in ("organisation", "subjectcategory", "genre")]
REFERENCE_EDIT = [
    ("disclosure", f"{action}_{model}")
    for model in ("organisation", "subjectcategory", "genre")
    for action in ("add", "change", "delete", "view")
]
SITE_ADMIN = [
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "delete_user"),
    ("wagtailcore", "add_site"),
    ("wagtailcore", "change_site"),
    ("wagtailcore", "view_site"),
    ("wagtailcore", "add_workflow"),
    ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"),
    ("wagtailcore", "change_task"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
    ("home", "change_siteidentity"),
]
# (group, model permissions, collection permissions for documents and images)
ROLES = [
    ("信息员", [ADMIN, *REFERENCE_VIEW], ["add", "change", "choose"]),
    ("初审", [ADMIN, REVIEW_RECORDS, *REFERENCE_VIEW], ["choose"]),
    ("复审", [ADMIN, REVIEW_RECORDS, *REFERENCE_VIEW], ["choose"]),
    ("终审", [ADMIN, REVIEW_RECORDS, *REFERENCE_VIEW], ["choose"]),
    ("网站管理员", [ADMIN, REVIEW_RECORDS, *REFERENCE_EDIT, *SITE_ADMIN], ["add", "change", "delete", "choose"]),
    ("监督员", [ADMIN, REVIEW_RECORDS, *REFERENCE_VIEW], []),
]


def create_role_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Model permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()

    for name, model_permissions, media_actions in ROLES:
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in model_permissions:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)
        if root_collection is None:
            continue
        for app_label, model in (("wagtaildocs", "document"), ("wagtailimages", "image")):
            for action in media_actions:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                ).first()
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )


def remove_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[name for name, _perms, _media in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0001_initial"),
        ("disclosure", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
