"""Departments in the page tree: a department is the subtrees its editor group may edit.

The GroupPagePermission rows of a department's editor group ("信息员-市财政局") are the
single source of truth: they give editors their rights, scope 初审 reviewers
("初审-市财政局") to the same pages, and tell reports which department a page belongs to.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from wagtail.models import GroupPagePermission, Page

from disclosure.models import Organisation
from review.models.departments import DepartmentGroup

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def department_label(organisation):
    return organisation.short_name or organisation.name


def ensure_department_groups(organisation):
    """The editor and first-review groups of one department, created once."""
    groups = {}
    for role, prefix in ((DepartmentGroup.Role.EDITOR, "信息员"), (DepartmentGroup.Role.FIRST_REVIEWER, "初审")):
        link = DepartmentGroup.objects.filter(organisation=organisation, role=role).select_related("group").first()
        if link is None:
            group, _created = Group.objects.get_or_create(name=f"{prefix}-{department_label(organisation)}")
            link = DepartmentGroup.objects.create(group=group, organisation=organisation, role=role)
        groups[role] = link.group
    return groups


def grant_department_subtree(organisation, page):
    """Let the department's editors add and edit pages under ``page`` (never publish)."""
    editor_group = ensure_department_groups(organisation)[DepartmentGroup.Role.EDITOR]
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=editor_group, page=page, permission=permission)
    return editor_group


def department_roots():
    """(path, organisation) for every page a department's editors were granted, deepest first."""
    rows = (
        GroupPagePermission.objects.filter(group__department__role=DepartmentGroup.Role.EDITOR)
        .select_related("page", "group__department__organisation")
        .order_by("-page__depth")
    )
    seen = {}
    for row in rows:
        seen.setdefault(row.page.path, row.group.department.organisation)
    return sorted(seen.items(), key=lambda item: -len(item[0]))


def department_of_page(page, roots=None):
    """The organisation whose subtree holds ``page``; else the page's own organisation field."""
    for path, organisation in roots if roots is not None else department_roots():
        if page.path.startswith(path):
            return organisation
    return getattr(page.specific_deferred, "organisation", None)


def _reviewed_organisation_ids(user):
    return DepartmentGroup.objects.filter(
        role=DepartmentGroup.Role.FIRST_REVIEWER, group__in=user.groups.all()
    ).values_list("organisation_id", flat=True)


def page_paths_reviewed_by(user):
    """Root paths of the subtrees whose 初审 ``user`` performs."""
    return list(
        GroupPagePermission.objects.filter(
            group__department__role=DepartmentGroup.Role.EDITOR,
            group__department__organisation_id__in=_reviewed_organisation_ids(user),
        ).values_list("page__path", flat=True)
    )


def page_ids_reviewed_by(user):
    paths = page_paths_reviewed_by(user)
    if not paths:
        return []
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return [str(pk) for pk in Page.objects.filter(query).values_list("pk", flat=True)]


def user_reviews_page(user, page):
    return any(page.path.startswith(path) for path in page_paths_reviewed_by(user))


def user_organisations(user):
    """Organisations ``user`` belongs to through any department group."""
    return Organisation.objects.filter(review_groups__group__in=user.groups.all()).distinct()
