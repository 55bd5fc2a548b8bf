"""Users in the role groups that migration applications/0002 creates."""

from importlib import import_module

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

GRANTS = import_module("applications.migrations.0002_role_groups").GRANTS


def ensure_group(name):
    """The role group with the migration's permissions (a flushed transactional test may have dropped them)."""
    group, _created = Group.objects.get_or_create(name=name)
    names = [*GRANTS.get(name, []), "wagtailadmin.access_admin"]
    for full in names:
        app_label, codename = full.split(".") if "." in full else ("applications", full)
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    return group


def user_in(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", "pw-for-tests-only")
    user.groups.add(*(ensure_group(name) for name in groups))
    return user
