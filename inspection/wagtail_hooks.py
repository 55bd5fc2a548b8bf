"""Admin integration: the 网站检查 menu, the word list and column rules, the editor's check button."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.page_text import page_text

from . import admin_urls
from .checks.content import page_findings
from .models import ColumnRule, ExternalLink, Finding, WordEntry
from .permissions import may_open_dashboard

# The editor message lists at most this many findings; the check page lists them all.
MESSAGE_LIMIT = 5


@hooks.register("register_admin_urls")
def register_inspection_urls():
    return [path("inspection/", include(admin_urls, namespace="inspection"))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return may_open_dashboard(request.user)


@hooks.register("register_reports_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("网站检查"), reverse("inspection:report"), name="inspection", icon_name="warning", order=1000
    )


class WordEntryViewSet(SnippetViewSet):
    model = WordEntry
    icon = "warning"
    menu_label = _("错敏词")
    url_namespace = "inspection_wordentry"
    url_prefix = "inspection/words"
    list_display = ["word", "kind", "correction", "note", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["word", "correction"]
    panels = [
        FieldPanel("word"),
        FieldPanel("kind"),
        FieldPanel("correction"),
        FieldPanel("note"),
        FieldPanel("active"),
    ]


class ColumnRuleViewSet(SnippetViewSet):
    model = ColumnRule
    icon = "time"
    menu_label = _("栏目更新规则")
    url_prefix = "inspection/column-rules"
    list_display = ["page", "max_age_days", "exempt_empty"]
    panels = [FieldPanel("page"), FieldPanel("max_age_days"), FieldPanel("exempt_empty")]


class ExternalLinkViewSet(SnippetViewSet):
    model = ExternalLink
    icon = "link-external"
    menu_label = _("外部链接")
    url_prefix = "inspection/external-links"
    list_display = ["url", "status_code", "error", "ok", "failing_since", "last_checked_at"]
    list_filter = ["ok"]
    search_fields = ["url"]
    inspect_view_enabled = True
    panels = [FieldPanel("url", read_only=True)]


class InspectionViewSetGroup(SnippetViewSetGroup):
    items = (WordEntryViewSet, ColumnRuleViewSet, ExternalLinkViewSet)
    menu_icon = "warning"
    menu_label = _("网站检查设置")
    menu_name = "inspection-settings"


register_snippet(InspectionViewSetGroup)


@hooks.register("register_page_header_buttons")
def page_check_button(page, user, view_name, next_url=None):
    if view_name != "edit" or page.depth <= 1:
        return []
    return [
        Button(
            _("内容检查"),
            reverse("inspection:page_check", args=[page.pk]),
            icon_name="warning",
            priority=65,
            attrs={"aria-label": f"检查“{page.get_admin_display_title()}”的错敏词和失效链接"},
        )
    ]


@hooks.register("before_edit_page")
def show_findings_in_editor(request, page):
    """Editors and reviewers opening the editor see the findings of the latest revision, highlighted."""
    if request.method != "GET":
        return None
    latest = page.get_latest_revision_as_object()
    findings = page_findings(latest, text_of_page=page_text(latest))
    if not findings:
        return None
    severe = sum(1 for item in findings if item.kind == Finding.Kind.SEVERE_WORD)
    labels = dict(Finding.Kind.choices)
    items = format_html_join(
        "",
        "<li>{}（{}）：{} {} {}</li>",
        (
            (labels[item.kind], item.field, item.subject, item.context_html, item.suggestion)
            for item in findings[:MESSAGE_LIMIT]
        ),
    )
    more = len(findings) - MESSAGE_LIMIT
    message = format_html(
        '内容检查发现 {} 个问题{}：<ul>{}</ul>{}<a class="inspection-link" href="{}">查看全部检查结果</a>',
        len(findings),
        format_html("，其中严重错误 {} 个（审核时须修改或说明理由）", severe) if severe else "",
        items,
        format_html("另有 {} 个问题未列出。", more) if more > 0 else "",
        reverse("inspection:page_check", args=[page.pk]),
    )
    (messages.error if severe else messages.warning)(request, message)
    return None


@hooks.register("insert_global_admin_css")
def highlight_css():
    return format_html(
        "<style>{}</style>",
        "mark.inspection-mark{background:#ffe08a;color:#000;font-weight:600;padding:0 .1em}"
        "a.inspection-link{color:inherit;text-decoration:underline;font-weight:600}",
    )
