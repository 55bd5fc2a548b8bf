"""Abuse protection for the comment form: the sensitive-word list (the rate-limit counters are core's)."""

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
