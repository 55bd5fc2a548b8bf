"""Abuse protection for the comment form: the sensitive-word list and database-backed rate limits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class SensitiveWord(models.Model):
    """A word that marks a comment for a moderator's attention (it is never silently dropped)."""

    word = models.CharField(_("敏感词"), max_length=50, unique=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    panels = [FieldPanel("word"), FieldPanel("note")]

    class Meta:
        ordering = ["word"]
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")

    def __str__(self):
        return self.word

    @classmethod
    def found_in(cls, *texts):
        text = "\n".join(t for t in texts if t).casefold()
        return [w for w in cls.objects.values_list("word", flat=True) if w.strip() and w.casefold() in text]


class RateLimitCounter(models.Model):
    """How many submissions one key (an IP address or a contact) made in one fixed window.

    Kept in the database so that every app server sees the same counts.
    """

    key = models.CharField(max_length=200)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("提交频率计数")
        verbose_name_plural = _("提交频率计数")
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="rate_limit_one_row_per_window")]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self):
        return f"{self.key} {self.window_start:%Y-%m-%d %H:%M} {self.count}"
