"""The 依申请公开 admin menu: the register, the deadline report, appeals, the calendar years; audit-log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from applications import admin_urls
from applications.admin_views import ApplicationViewSet, CalendarWarningMixin
from applications.handling import record_table
from applications.models import Appeal, CalendarYear
from applications.models.choices import AppealKind, AppealResult  # noqa: F401  (choices used by the panels)
from applications.statistics import annual_report_cells
from core.spreadsheets import SafeSpreadsheetExportMixin


class WarningIndexView(CalendarWarningMixin, SafeSpreadsheetExportMixin, IndexView):
    pass


class AppealViewSet(SnippetViewSet):
    model = Appeal
    icon = "gavel"
    menu_label = _("行政复议和诉讼")
    add_to_admin_menu = False
    index_view_class = WarningIndexView
    list_display = ["application", "kind", "filed_on", "result", "decided_on"]
    list_filter = ["kind", "result"]
    inspect_view_enabled = False


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "date"
    menu_label = _("节假日录入")
    add_to_admin_menu = False
    index_view_class = WarningIndexView
    list_display = ["year", "source", "confirmed_at"]
    inspect_view_enabled = False


register_snippet(ApplicationViewSet)
register_snippet(AppealViewSet)
register_snippet(CalendarYearViewSet)


@hooks.register("register_admin_urls")
def register_application_admin_urls():
    return [path("applications/", include(admin_urls, namespace="applications_admin"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.is_superuser or any(request.user.has_perm(p) for p in self.permission)


APPLICATION_PERMS = ["applications.view_application", "applications.handle_application"]
applications_menu = Menu(register_hook_name="register_applications_menu_item", construct_hook_name=None)


@hooks.register("register_applications_menu_item")
def register_menu_register():
    return PermissionMenuItem(
        _("申请登记簿"),
        reverse("wagtailsnippets_applications_application:list"),
        name="applications-register",
        icon_name="mail",
        order=100,
        permission=APPLICATION_PERMS,
    )


@hooks.register("register_applications_menu_item")
def register_menu_deadlines():
    return PermissionMenuItem(
        _("期限提醒"),
        reverse("applications_admin:deadlines"),
        name="applications-deadlines",
        icon_name="time",
        order=200,
        permission=APPLICATION_PERMS,
    )


@hooks.register("register_applications_menu_item")
def register_menu_import():
    return PermissionMenuItem(
        _("导入申请台账"),
        reverse("applications_admin:import"),
        name="applications-import",
        icon_name="upload",
        order=300,
        permission=["applications.add_application"],
    )


@hooks.register("register_applications_menu_item")
def register_menu_appeals():
    return PermissionMenuItem(
        _("行政复议和诉讼"),
        reverse("wagtailsnippets_applications_appeal:list"),
        name="applications-appeals",
        icon_name="gavel",
        order=400,
        permission=["applications.view_appeal"],
    )


@hooks.register("register_applications_menu_item")
def register_menu_calendar():
    return PermissionMenuItem(
        _("节假日录入"),
        reverse("wagtailsnippets_applications_calendaryear:list"),
        name="applications-calendar",
        icon_name="date",
        order=500,
        permission=["applications.view_calendaryear"],
    )


@hooks.register("register_applications_menu_item")
def register_menu_workdays():
    return PermissionMenuItem(
        _("工作日调整"),
        reverse("wagtailsnippets_core_workingdayoverride:list"),
        name="applications-workdays",
        icon_name="date",
        order=510,
        permission=["applications.add_calendaryear"],
    )


@hooks.register("register_admin_menu_item")
def register_applications_menu():
    return SubmenuMenuItem(_("依申请公开"), applications_menu, name="applications", icon_name="mail", order=310)


@hooks.register("register_log_actions")
def register_application_actions(actions):
    for action, label in record_table():
        actions.register_action(action, label, label)


# Tables 3 and 4 of the annual report come from the register of applications.
hooks.register("register_annual_report_cells", annual_report_cells)
