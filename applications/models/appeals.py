"""Administrative reviews and lawsuits against an answer (Table 4 of the annual report)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from applications.models.choices import AppealKind, AppealResult


class Appeal(models.Model):
    """One 行政复议 or 行政诉讼 against the handling of an application, and its result."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申请"), on_delete=models.PROTECT, related_name="appeals"
    )
    kind = models.CharField(_("类型"), max_length=30, choices=AppealKind.choices)
    filed_on = models.DateField(_("立案日期"))
    result = models.CharField(_("结果"), max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [
        FieldPanel("application"),
        FieldPanel("kind"),
        FieldPanel("filed_on"),
        FieldPanel("result"),
        FieldPanel("decided_on"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-filed_on", "pk"]
        verbose_name = _("行政复议或行政诉讼")
        verbose_name_plural = _("行政复议和行政诉讼")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="pending", decided_on__isnull=True) | ~models.Q(result="pending"),
                name="appeal_pending_has_no_decision_date",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filed_on:%Y-%m-%d}"
