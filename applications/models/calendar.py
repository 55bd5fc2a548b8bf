"""Years of the holiday calendar the office has entered itself (the bundled data stops at some year)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel


class CalendarYear(models.Model):
    """A year whose holidays and 调休 days the office has entered as 工作日调整 (from the State Council notice)."""

    year = models.PositiveIntegerField(_("年度"), unique=True)
    source = models.CharField(
        _("依据"), max_length=200, help_text=_("如：国务院办公厅关于2027年部分节假日安排的通知。")
    )
    confirmed_at = models.DateTimeField(_("确认时间"), auto_now=True)

    panels = [
        HelpPanel(
            content=_(
                "先在“设置 → 工作日调整”中逐日录入该年度的放假日和调休上班日，再在此确认该年度已录入。"
                "确认前，期限落在该年度的申请均标为“暂定期限”。"
            )
        ),
        FieldPanel("year"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("节假日安排已录入年度")
        verbose_name_plural = _("节假日安排已录入年度")

    def __str__(self):
        return f"{self.year}年"

    @classmethod
    def confirmed_years(cls):
        return set(cls.objects.values_list("year", flat=True))
