"""Users in the role groups that migration applications/0002 creates."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def user_in(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", "pw-for-tests-only")
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user
