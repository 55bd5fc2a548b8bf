"""Admin: synonyms as a snippet, and a search statistics report."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import admin_urls
from search.admin_views import SynonymCreateView
from search.engine_status import health_line
from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "搜索同义词"
    add_to_settings_menu = True
    list_display = ["terms", "note", DateColumn("updated_at", label="更新时间", sort_key="updated_at")]
    search_fields = ["terms"]
    add_view_class = SynonymCreateView


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search/", include(admin_urls, namespace="search_admin"))]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return AdminOnlyMenuItem("搜索统计", reverse("search_admin:report"), icon_name="search", order=900)


@hooks.register("gongkai_health_lines")
def search_engine_health_line():
    return health_line()
