"""The findings of the latest full inspection, one row each, for the 网站检查 dashboard."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Finding(models.Model):
    """One problem on one page (or column) found by the latest inspection."""

    class Kind(models.TextChoices):
        SEVERE_WORD = "severe_word", _("严重错误")
        SENSITIVE_WORD = "sensitive_word", _("敏感词")
        GENERAL_WORD = "general_word", _("一般错误")
        BROKEN_INTERNAL = "broken_internal", _("内部链接失效")
        BROKEN_EXTERNAL = "broken_external", _("外部链接失效")
        STALE_COLUMN = "stale_column", _("栏目不更新")
        STALE_SOON = "stale_soon", _("栏目即将超期")
        EMPTY_COLUMN = "empty_column", _("空白栏目")
        LATE_DOCUMENT = "late_document", _("超期公开")
        MISSING_INTERPRETATION = "missing_interpretation", _("未按时解读")
        MISSING_HANDLING_REPORT = "missing_handling_report", _("未反馈意见采纳情况")
        VALIDITY = "validity", _("有效性矛盾")

    # Kinds that make ``inspect_site`` exit non-zero.
    BLOCKING_KINDS = frozenset({Kind.SEVERE_WORD, Kind.BROKEN_INTERNAL})

    kind = models.CharField(_("问题类型"), max_length=40, choices=Kind.choices, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("页面标题"), max_length=255, blank=True)
    field = models.CharField(_("位置"), max_length=255, blank=True)
    subject = models.CharField(_("问题"), max_length=500)
    context = models.TextField(_("上下文"), blank=True)
    suggestion = models.CharField(_("建议"), max_length=500, blank=True)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("检查发现")
        verbose_name_plural = _("检查发现")
        ordering = ["kind", "page_title", "pk"]
        permissions = [("view_all_findings", _("查看全部部门的网站检查结果"))]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.subject}"

    @property
    def is_blocking(self):
        return self.kind in self.BLOCKING_KINDS
