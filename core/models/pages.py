"""The abstract page base and mixins every public page type is built from."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, Page


class BasePage(Page):
    """Abstract base of every public page: meta-tag values and listing helpers."""

    # ColumnType meta tag (政府网站发展指引): the kind of column a page belongs to.
    column_type = "其他"
    # Whether the page is an article (ArticleTitle, PubDate ... meta tags).
    is_article = False

    class Meta:
        abstract = True

    @property
    def column_page(self):
        """The top-level column (child of the home page) this page lives in."""
        if self.depth <= 3:
            return self
        return self.get_ancestors().filter(depth=3).specific().first() or self

    def get_meta_description(self):
        return self.search_description


class ArticleMixin(models.Model):
    """Fields every article-like page has: publish time, source, author, keywords, summary."""

    published_at = models.DateTimeField(
        _("发布时间"),
        default=timezone.now,
        help_text=_("公开显示的发布时间，默认当前时间。"),
    )
    source = models.CharField(_("来源"), max_length=100, blank=True)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True, help_text=_("以逗号或空格分隔。"))
    summary = models.TextField(_("摘要"), max_length=300, blank=True)

    is_article = True

    article_panels = [
        MultiFieldPanel(
            [
                FieldPanel("published_at"),
                FieldPanel("source"),
                FieldPanel("author"),
                FieldPanel("keywords"),
                FieldPanel("summary"),
            ],
            heading=_("文章信息"),
        )
    ]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.summary or self.search_description

    def get_content_source(self):
        return self.source


class PageAttachment(Orderable):
    """A file from the document library attached to a page; subclasses add the ParentalKey."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("附件名称"), max_length=255, blank=True, help_text=_("留空则使用文件标题。"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self):
        return self.title or self.document.title
