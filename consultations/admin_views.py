"""Moderation in the admin: the comment list per consultation, decisions, bulk actions, export."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

import django_filters

from consultations.models import Comment, CommentAttachment, ConsultationPage, Decision, IdentityType
from consultations.tasks import queue_decision_notice
from core.spreadsheets import SafeSpreadsheetExportMixin
from review.departments import page_paths_reviewed_by
from review.workflow import REVIEW_ALL_GROUPS

CONTACT_PERMISSION = "consultations.view_contact"

STATE_CHOICES = [
    ("new", _("新提交（待处理）")),
    ("flagged", _("需关注")),
    ("public", _("公开显示")),
    ("hidden", _("不公开")),
]


class CommentFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label=_("意见征集"), queryset=ConsultationPage.objects.order_by("-starts_at")
    )
    state = django_filters.ChoiceFilter(label=_("状态"), choices=STATE_CHOICES, method="filter_state")
    decision = django_filters.ChoiceFilter(label=_("处理结果"), choices=Decision.choices[1:])
    article_label = django_filters.CharFilter(label=_("针对条款（如“第三条”）"), lookup_expr="exact")
    identity_type = django_filters.ChoiceFilter(label=_("身份类型"), choices=IdentityType.choices)

    class Meta:
        model = Comment
        fields = []

    def filter_state(self, queryset, name, value):
        return {
            "new": queryset.filter(decision=""),
            "flagged": queryset.filter(is_flagged=True),
            "public": queryset.filter(is_public=True),
            "hidden": queryset.filter(is_public=False),
        }.get(value, queryset)


def consultations_visible_to(user):
    """The consultations whose comments ``user`` may see.

    The model permission (view/change comment) says who handles comments at all; these rules say whose:
    editors and publishers of a consultation page, the 初审 reviewers of its department's subtree, and
    the disclosure office and principal leaders (复审 / 终审), who review every department.
    """

    if user.is_superuser or user.groups.filter(name__in=REVIEW_ALL_GROUPS).exists():
        return ConsultationPage.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    visible = Q(pk__in=pages.values("pk"))
    for path in page_paths_reviewed_by(user):
        visible |= Q(path__startswith=path)
    return ConsultationPage.objects.filter(visible)


def comments_visible_to(user):
    return Comment.objects.filter(consultation__in=consultations_visible_to(user))


def record_decision(comment, user, previous):
    """Stamp who decided and when, put the decision in the audit log, and queue the commenter's e-mail."""
    if comment.decision == previous:
        return
    comment.decided_at = timezone.now() if comment.decision else None
    comment.decided_by = user if comment.decision else None
    Comment.objects.filter(pk=comment.pk).update(decided_at=comment.decided_at, decided_by=comment.decided_by)
    log(
        comment,
        "consultations.decide",
        user=user,
        data={
            "tracking_code": comment.tracking_code,
            "previous": previous,
            "decision": comment.decision,
            "reason": comment.decision_reason,
        },
    )
    queue_decision_notice(comment)


class CommentIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Comments of one consultation (filter), searchable; contacts only in exports for those allowed."""

    search_backend_name = None  # plain substring search suits Chinese text without a segmenter
    export_filename = "consultation-comments"
    base_export = [
        "tracking_code",
        "consultation",
        "submitted_at",
        "identity_type_display",
        "article_label",
        "body",
        "is_flagged",
        "flagged_words",
        "decision_display",
        "decision_reason",
        "reply",
        "is_public",
    ]
    contact_export = ["name", "phone", "email"]
    export_headings = {
        "identity_type_display": "身份类型",
        "decision_display": "处理结果",
        "name": "姓名或名称",
        "phone": "联系电话",
        "email": "电子邮箱",
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.list_export = list(self.base_export)
        if request.user.has_perm(CONTACT_PERMISSION):
            self.list_export += self.contact_export

    def get_base_queryset(self):
        qs = super().get_base_queryset().select_related("consultation")
        if not self.request.user.is_superuser:
            qs = qs.filter(consultation__in=consultations_visible_to(self.request.user))
        return qs


class CommentEditView(EditView):
    def get_object(self, queryset=None):
        comment = super().get_object(queryset)
        if not comments_visible_to(self.request.user).filter(pk=comment.pk).exists():
            raise PermissionDenied
        return comment

    def save_instance(self):
        # The row lock lets a notice being sent finish first; its record is carried over, not overwritten.
        stored = (
            Comment.objects.select_for_update()
            .filter(pk=self.object.pk)
            .values("decision", "notified_decision", "decision_notified_at")
            .first()
        )
        previous = stored["decision"] if stored else ""
        if stored:
            self.form.instance.notified_decision = stored["notified_decision"]
            self.form.instance.decision_notified_at = stored["decision_notified_at"]
        instance = super().save_instance()
        record_decision(instance, self.request.user, previous)
        return instance


def comment_excerpt(comment):
    return comment.body[:30] + ("…" if len(comment.body) > 30 else "")


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("征集意见")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    filterset_class = CommentFilterSet
    search_fields = ["body", "tracking_code", "decision_reason", "reply"]
    # The first entry (a field name) becomes the title column: each row links to the comment's form.
    list_display = [
        "tracking_code",
        Column("excerpt", label=_("意见"), accessor=comment_excerpt),
        Column("consultation", label=_("意见征集")),
        Column("article_label", label=_("针对条款")),
        Column("identity_type_display", label=_("身份类型")),
        Column("moderation_state", label=_("状态")),
        Column("is_public", label=_("公开")),
        Column("submitted_at", label=_("提交时间")),
    ]
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False


class CommentBulkAction(SnippetBulkAction):
    """Shared plumbing: one update per comment so each decision reaches the audit log."""

    models = [Comment]
    template_name = "consultations/admin/confirm_bulk_action.html"
    classes = set()
    changes = {}

    def check_perm(self, obj):
        user = self.request.user
        return (
            self.permission_policy.user_has_permission_for_instance(user, "change", obj)
            and comments_visible_to(user).filter(pk=obj.pk).exists()
        )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        view = kwargs.get("self")
        user = view.request.user if view is not None else None
        for comment in objects:
            previous = comment.decision
            for field, value in cls.changes.items():
                setattr(comment, field, value)
            comment.save(update_fields=list(cls.changes))
            log(comment, "wagtail.edit", user=user)
            record_decision(comment, user, previous)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"已处理{num_parent_objects}条意见：{self.display_name}。"


class MarkPublicBulkAction(CommentBulkAction):
    display_name = _("设为公开显示")
    action_type = "comment_public"
    aria_label = _("将选中的意见设为公开显示")
    action_priority = 10
    changes = {"is_public": True}


class MarkHiddenBulkAction(CommentBulkAction):
    display_name = _("设为不公开")
    action_type = "comment_hidden"
    aria_label = _("将选中的意见设为不公开")
    action_priority = 11
    changes = {"is_public": False}


class NotProcessedBulkAction(CommentBulkAction):
    display_name = _("不予处理")
    action_type = "comment_not_processed"
    aria_label = _("对选中的意见作不予处理（重复、无关或垃圾信息）")
    action_priority = 12
    changes = {"decision": Decision.NOT_PROCESSED, "is_public": False}


def attachment_download(request, pk):
    """Serve a commenter's file to moderators only (the files live outside public media)."""
    attachment = get_object_or_404(CommentAttachment.objects.select_related("comment"), pk=pk)
    if not request.user.has_perm("consultations.change_comment"):
        raise PermissionDenied
    if not comments_visible_to(request.user).filter(pk=attachment.comment_id).exists():
        raise PermissionDenied
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
