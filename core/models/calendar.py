"""The site's own exceptions to the official working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class WorkingDayOverride(models.Model):
    """A day whose working status differs from the built-in holiday calendar (调休, local closures)."""

    day = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(
        _("是否工作日"), help_text=_("勾选表示当天上班（如调休补班），不勾选表示放假。")
    )
    note = models.CharField(_("说明"), max_length=100, blank=True)

    panels = [FieldPanel("day"), FieldPanel("is_working_day"), FieldPanel("note")]

    class Meta:
        # The table predates the core app; keeping its name keeps existing data in place.
        db_table = "disclosure_workingdayoverride"
        ordering = ["-day"]
        verbose_name = _("工作日调整")
        verbose_name_plural = _("工作日调整")

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {'上班' if self.is_working_day else '放假'}"
