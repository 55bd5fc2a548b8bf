"""What the search app stores: synonyms, extracted attachment text, query statistics."""

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.text import normalise


class Synonym(models.Model):
    """A group of equivalent search terms (低保 = 最低生活保障), applied at query time."""

    terms = models.CharField(
        _("同义词"),
        max_length=200,
        help_text=_("用逗号分隔的两个或多个同义词，例如：低保，最低生活保障。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]
    search_fields = [index.SearchField("terms"), index.AutocompleteField("terms")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")

    def __str__(self):
        return self.terms

    @staticmethod
    def split(value: str) -> list[str]:
        value = value.replace("，", ",").replace("、", ",").replace("=", ",")
        return [t for t in (normalise(x) for x in value.split(",")) if t]

    def term_list(self) -> list[str]:
        return self.split(self.terms)

    def clean(self):
        from django.core.exceptions import ValidationError

        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("请至少填写两个同义词，用逗号分隔。")})
        if len(set(terms)) != len(terms):
            raise ValidationError({"terms": _("同义词不能重复。")})
        self.terms = "，".join(terms)


class AttachmentText(models.Model):
    """Text extracted from a PDF or Word document, for full-text search."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="search_text",
    )
    text = models.TextField(blank=True)
    file_hash = models.CharField(max_length=40, blank=True)
    error = models.CharField(max_length=200, blank=True)
    extracted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("附件文本")
        verbose_name_plural = _("附件文本")

    def __str__(self):
        return str(self.document)


class QueryLog(models.Model):
    """How often a query was searched on a day, and how often it found nothing."""

    query = models.CharField(_("搜索词"), max_length=100)
    date = models.DateField(_("日期"), default=timezone.localdate)
    hits = models.PositiveIntegerField(_("搜索次数"), default=0)
    zero_hits = models.PositiveIntegerField(_("无结果次数"), default=0)
    last_result_count = models.PositiveIntegerField(_("最近结果数"), default=0)

    class Meta:
        verbose_name = _("搜索记录")
        verbose_name_plural = _("搜索记录")
        constraints = [models.UniqueConstraint(fields=["query", "date"], name="unique_query_per_day")]
        indexes = [models.Index(fields=["date", "query"])]

    def __str__(self):
        return f"{self.date} {self.query}"

    @classmethod
    def record(cls, query: str, result_count: int) -> None:
        query = normalise(query)[:100]
        if not query:
            return
        today = timezone.localdate()
        zero = 1 if result_count == 0 else 0
        # One statement (PostgreSQL and SQLite alike): the first search of the day for
        # the query inserts its row, the others count on it, simultaneous ones included.
        table = connection.ops.quote_name(cls._meta.db_table)
        q = connection.ops.quote_name
        sql = (
            f"INSERT INTO {table} ({q('query')}, {q('date')}, {q('hits')}, {q('zero_hits')}, {q('last_result_count')}) "  # noqa: S608
            f"VALUES (%s, %s, 1, %s, %s) ON CONFLICT ({q('query')}, {q('date')}) DO UPDATE SET "
            f"{q('hits')} = {table}.{q('hits')} + 1, {q('zero_hits')} = {table}.{q('zero_hits')} + %s, "
            f"{q('last_result_count')} = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                [query, connection.ops.adapt_datefield_value(today), zero, int(result_count), zero, int(result_count)],
            )

    @classmethod
    def popular(cls, days: int = 30, limit: int = 10, zero_only: bool = False):
        since = timezone.localdate() - timezone.timedelta(days=days)
        qs = cls.objects.filter(date__gte=since)
        if zero_only:
            qs = qs.filter(zero_hits__gt=0)
            total = models.Sum("zero_hits")
        else:
            qs = qs.filter(last_result_count__gt=0)
            total = models.Sum("hits")
        return list(qs.values("query").annotate(total=total).order_by("-total", "query")[:limit])
