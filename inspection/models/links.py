"""External links found in content and the last answer their host gave."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalLink(models.Model):
    """One external URL linked from live content, with the result of the latest check."""

    url = models.URLField(_("链接地址"), max_length=2000, unique=True)
    host = models.CharField(_("主机"), max_length=255, db_index=True)
    pages = models.ManyToManyField("wagtailcore.Page", verbose_name=_("所在页面"), related_name="+", blank=True)
    status_code = models.PositiveIntegerField(_("HTTP状态码"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    ok = models.BooleanField(_("可访问"), null=True)
    failing_since = models.DateTimeField(_("开始失效时间"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("最近检查时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("外部链接")
        verbose_name_plural = _("外部链接")

    def __str__(self):
        return self.url
