"""How often each column (index page) must be updated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Defaults by column model (app_label.model): news-type columns every 2 weeks,
# everything else (policy, interpretation, guide columns) every 6 months.
NEWS_TYPE_MODELS = {"home.newsindexpage"}
NEWS_TYPE_DAYS = 14
OTHER_DAYS = 183


def default_max_age_days(page):
    label = f"{page.content_type.app_label}.{page.content_type.model}"
    return NEWS_TYPE_DAYS if label in NEWS_TYPE_MODELS else OTHER_DAYS


class ColumnRule(models.Model):
    """The update rule of one column; a column without a rule follows the default of its type."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("栏目"), on_delete=models.CASCADE, related_name="column_rule"
    )
    max_age_days = models.PositiveIntegerField(
        _("更新周期（天）"),
        help_text=_("栏目最新内容超过这个天数即为“栏目不更新”。动态类栏目一般为14天，政策类栏目183天。"),
    )
    exempt_empty = models.BooleanField(_("允许无内容"), default=False, help_text=_("例如尚未启用的栏目。"))

    class Meta:
        verbose_name = _("栏目更新规则")
        verbose_name_plural = _("栏目更新规则")
        constraints = [models.CheckConstraint(condition=models.Q(max_age_days__gt=0), name="column_rule_positive_age")]

    def __str__(self):
        return str(self.page)
