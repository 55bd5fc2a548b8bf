from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations import admin_urls
from consultations.admin_views import (
    CommentViewSet,
    MarkHiddenBulkAction,
    MarkPublicBulkAction,
    NotProcessedBulkAction,
)
from consultations.models import ConsultationPage, SensitiveWord


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = _("敏感词")
    search_fields = ["word", "note"]
    list_display = ["word", "note"]


register_snippet(CommentViewSet)
register_snippet(SensitiveWordViewSet)

for action in (MarkPublicBulkAction, MarkHiddenBulkAction, NotProcessedBulkAction):
    hooks.register("register_bulk_action", action)


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [path("consultations/", include(admin_urls, namespace="consultations_admin"))]


@hooks.register("register_log_actions")
def register_decision_action(actions):
    actions.register_action("consultations.decide", _("意见处理"), _("意见处理结果已记录"))


@hooks.register("register_page_listing_buttons")
def moderation_button(page, user, next_url=None):
    if page.specific_class is ConsultationPage and user.has_perm("consultations.change_comment"):
        url = reverse("wagtailsnippets_consultations_comment:list") + f"?consultation={page.pk}"
        yield ListingButton(_("征集意见"), url, priority=60, icon_name="comment")
