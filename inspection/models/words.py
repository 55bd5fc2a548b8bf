"""The 错敏词 list the office maintains, and the version counter that invalidates the matcher."""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class WordEntry(models.Model):
    """One wrong or sensitive word, its kind and, for mistakes, the correct form."""

    class Kind(models.TextChoices):
        SEVERE = "severe", _("严重错误")
        SENSITIVE = "sensitive", _("敏感词")
        GENERAL = "general", _("一般错误")

    word = models.CharField(_("词语"), max_length=100, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    correction = models.CharField(_("正确写法"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("错敏词")
        verbose_name_plural = _("错敏词")
        ordering = ["kind", "word"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(word=""), name="word_entry_word_not_empty"),
            models.CheckConstraint(condition=~models.Q(word=F("correction")), name="word_entry_correction_differs"),
        ]

    def __str__(self):
        return self.word


class WordListVersion(models.Model):
    """A single row counting changes to the word list; the matcher is rebuilt when it moves."""

    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("错敏词表版本")

    def __str__(self):
        return f"{self.version}"

    @classmethod
    def current(cls):
        row = cls.objects.filter(pk=1).values_list("version", flat=True).first()
        return row or 0

    @classmethod
    def bump(cls):
        updated = cls.objects.filter(pk=1).update(version=F("version") + 1)
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"version": 1})
