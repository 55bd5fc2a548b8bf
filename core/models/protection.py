"""The counters behind the rate limits of every public form (comments, applications, search)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """How many submissions one key (an IP address or a contact) made in one fixed window.

    Kept in the database so that every app server sees the same counts.
    """

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "consultations_ratelimitcounter"
        verbose_name = _("提交频率计数")
        verbose_name_plural = _("提交频率计数")
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="rate_limit_one_row_per_window")]
        indexes = [models.Index(fields=["window_start"], name="consultatio_window__796ed5_idx")]

    def __str__(self):
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M} {self.count}"
