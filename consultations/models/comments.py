"""Comments citizens submit on a draft, and the office's decision on each."""

import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel

from core.storage import private_storage

# No 0/O, 1/I/L: the code is read out over the phone.
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TRACKING_LENGTH = 10


def new_tracking_code():
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalise_tracking_code(value):
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def attachment_path(instance, filename):
    suffix = Path(filename).suffix.lower()[:10]
    return f"comment-attachments/{uuid.uuid4().hex}{suffix}"


class CommentAttachmentsPanel(Panel):
    """Download links to the commenter's files, for moderators (the files have no public URL)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/attachments_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["attachments"] = self.instance.attachments.all() if self.instance.pk else []
            return context


class DecisionNoticePanel(Panel):
    """Whether and when the commenter was told the decision by e-mail (read-only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/decision_notice_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["comment"] = self.instance
            return context


class IdentityType(models.TextChoices):
    PERSON = "person", _("个人")
    COMPANY = "company", _("企业")
    ORGANISATION = "organisation", _("社会组织")
    OTHER = "other", _("其他")


class Decision(models.TextChoices):
    PENDING = "", _("待处理")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")
    NOT_PROCESSED = "not_processed", _("不予处理")


class Comment(models.Model):
    """One comment on a draft; the contact details are for follow-up only and never published."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("意见征集"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True, default=new_tracking_code, editable=False)
    name = models.CharField(_("姓名或名称"), max_length=100, blank=True)
    identity_type = models.CharField(_("身份类型"), max_length=20, choices=IdentityType.choices)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    # The normalised phone (or e-mail without one): what duplicates and rate limits are keyed on.
    # "mail:" and an e-mail of up to 254 characters, or "tel:" and a phone number.
    contact_key = models.CharField(max_length=300, editable=False, db_index=True)
    article_anchor = models.CharField(_("条款锚点"), max_length=20, blank=True, editable=False)
    article_label = models.CharField(_("针对条款"), max_length=20, blank=True)
    body = models.TextField(_("意见内容"))
    body_hash = models.CharField(max_length=64, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True, editable=False)

    is_flagged = models.BooleanField(_("需关注"), default=False)
    flagged_words = models.CharField(_("命中敏感词"), max_length=255, blank=True)
    decision = models.CharField(_("处理结果"), max_length=20, choices=Decision.choices, blank=True, default="")
    decision_reason = models.TextField(
        _("理由"),
        blank=True,
        help_text=_("未采纳的必须说明理由，理由将在采纳情况反馈中公开，并通过结果通知邮件告知提交人。"),
    )
    reply = models.TextField(
        _("公开答复"),
        blank=True,
        help_text=_("可选，公开显示在查询结果和采纳情况反馈中，并通过结果通知邮件告知提交人。"),
    )
    is_public = models.BooleanField(
        _("公开显示"), default=False, help_text=_("在采纳情况反馈中展示该意见（不显示姓名和联系方式）。")
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Which decision the commenter was told, and when: a changed decision is told again, a re-save is not.
    decision_notified_at = models.DateTimeField(_("结果通知时间"), null=True, blank=True, editable=False)
    notified_decision = models.CharField(
        _("已通知的处理结果"), max_length=20, choices=Decision.choices, blank=True, default="", editable=False
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("consultation", read_only=True),
                FieldRowPanel(
                    [FieldPanel("identity_type", read_only=True), FieldPanel("article_label", read_only=True)]
                ),
                FieldPanel("body", read_only=True),
                FieldRowPanel([FieldPanel("is_flagged"), FieldPanel("flagged_words", read_only=True)]),
                CommentAttachmentsPanel(heading=_("附件")),
            ],
            heading=_("意见"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldRowPanel([FieldPanel("phone", read_only=True), FieldPanel("email", read_only=True)]),
            ],
            heading=_("提交人（仅限授权人员查看）"),
            permission="consultations.view_contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("decision"),
                FieldPanel("decision_reason"),
                FieldPanel("reply"),
                FieldPanel("is_public"),
                DecisionNoticePanel(heading=_("结果通知")),
            ],
            heading=_("办理"),
        ),
    ]

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")
        permissions = [("view_contact", "可查看意见提交人的姓名和联系方式")]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "contact_key", "body_hash"], name="comment_stored_once_per_contact"
            ),
            models.CheckConstraint(
                condition=~Q(decision="not_adopted") | ~Q(decision_reason=""), name="comment_not_adopted_has_reason"
            ),
        ]

    def __str__(self):
        excerpt = self.body[:30] + ("…" if len(self.body) > 30 else "")
        return f"{self.tracking_code} {excerpt}"

    def clean(self):
        if self.decision == Decision.NOT_ADOPTED and not self.decision_reason.strip():
            raise ValidationError({"decision_reason": _("未采纳的意见必须说明理由。")})

    @property
    def identity_type_display(self):
        return self.get_identity_type_display()

    @property
    def decision_display(self):
        return self.get_decision_display() if self.decision else "待处理"

    @property
    def needs_decision_notice(self):
        """A decision the commenter, who left an e-mail address, has not been told yet."""
        return bool(self.email and self.decision and self.decision != self.notified_decision)

    @property
    def moderation_state(self):
        if self.is_flagged and not self.decision:
            return _("需关注")
        if not self.decision:
            return _("新提交")
        return self.get_decision_display()


class CommentAttachment(models.Model):
    """A file a commenter sent with the comment (PDF, Word or image), kept out of public media."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("意见附件")
        verbose_name_plural = _("意见附件")

    def __str__(self):
        return self.original_name
