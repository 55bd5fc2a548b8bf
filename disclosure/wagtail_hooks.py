"""Admin for the disclosure section: reference-data snippets, time-limit reports, report warnings."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.models import WorkingDayOverride
from disclosure import admin_urls
from disclosure.admin_views import REPORTS
from disclosure.choosers import SubjectChooserViewSet
from disclosure.models import AnnualReportPage, Genre, Organisation, SubjectCategory


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("机构")
    list_display = ["name", "short_name", "unit_code", "parent"]
    search_fields = ["name", "short_name", "unit_code"]
    # A substring match on these columns (the search index holds neither the short name nor
    # the code): 财政局 finds 示例市财政局, part of a 统一社会信用代码 finds its unit.
    search_backend_name = None
    ordering = ["sort_order", "name"]


class SubjectCategoryViewSet(SnippetViewSet):
    model = SubjectCategory
    icon = "folder-open-inverse"
    menu_label = _("主题分类")
    # The chooser in the page editor: the tree in order, with a search box.
    chooser_viewset_class = SubjectChooserViewSet
    list_display = ["__str__", "code", "sort_order"]
    list_filter = ["parent"]
    ordering = ["parent__sort_order", "sort_order"]


class GenreViewSet(SnippetViewSet):
    model = Genre
    icon = "tag"
    menu_label = _("公文种类")
    list_display = ["name", "is_normative", "sort_order"]


class WorkingDayOverrideViewSet(SnippetViewSet):
    model = WorkingDayOverride
    icon = "date"
    menu_label = _("工作日调整")
    list_display = ["day", "is_working_day", "note"]


class DisclosureViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, SubjectCategoryViewSet, GenreViewSet, WorkingDayOverrideViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("信息公开")
    menu_name = "disclosure"


register_snippet(DisclosureViewSetGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("disclosure/", include(admin_urls, namespace="disclosure_admin"))]


def _report_menu_item(slug, name, view, icon, order):
    @hooks.register("register_reports_menu_item")
    def register():
        return MenuItem(
            view.page_title, reverse(f"disclosure_admin:{name}"), name=f"disclosure-{slug}", icon_name=icon, order=order
        )

    return register


for position, (slug, name, view, icon) in enumerate(REPORTS):
    _report_menu_item(slug, name, view, icon, 1100 + position)


def _warn_carry_over(request, page):
    page = page.specific
    if not isinstance(page, AnnualReportPage):
        return
    for column, carried, previous in page.carry_over_warnings():
        messages.warning(
            request,
            f"表三“{column}”列：本年“上年结转”为 {carried}，与 {page.year - 1} 年报告的“结转下年度” {previous} 不一致，请核对。",
        )


@hooks.register("after_create_page")
def warn_annual_report_create(request, page):
    _warn_carry_over(request, page)


@hooks.register("after_edit_page")
def warn_annual_report_edit(request, page):
    _warn_carry_over(request, page)
