import factory

from .models import ColumnRule, WordEntry


class WordEntryFactory(factory.django.DjangoModelFactory):
    word = factory.Sequence(lambda n: f"错词{n}")
    kind = WordEntry.Kind.GENERAL
    correction = factory.Sequence(lambda n: f"正词{n}")

    class Meta:
        model = WordEntry
        django_get_or_create = ("word",)


class ColumnRuleFactory(factory.django.DjangoModelFactory):
    max_age_days = 14

    class Meta:
        model = ColumnRule
