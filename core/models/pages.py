"""The abstract page base and mixins every public page type is built from."""

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageViewRestriction

from treebeard.exceptions import PathOverflow

from core.slugs import pinyin_slug


def subtree(page, vendor: str) -> Q:
    """``page`` and the pages below it, in the form the path indexes of database ``vendor`` serve.

    On SQLite ``path__startswith`` is a ``LIKE``, which ignores case there and so reads
    every row instead of the path index: the same pages are a range of paths there (every
    path below ``page`` sorts between its own and its next sibling's). PostgreSQL's path
    indexes serve the prefix (``varchar_pattern_ops``, migration 0007 of disclosure).
    """
    if vendor == "sqlite":
        try:
            return Q(path__gte=page.path, path__lt=page._inc_path())
        except PathOverflow:  # the last possible sibling: there is no next one
            pass
    return Q(path__startswith=page.path)


def pages_on_path(top, path_components):
    """The pages a request for ``path_components`` below ``top`` walks through, and ``top``'s ancestors.

    Returns ``(chain, ancestors)``: ``chain`` maps ``(parent path, slug)`` to each page on
    the path, the child of the one before with the next slug, as ``Page.route`` finds them
    one level at a time; ``ancestors`` are ``top``'s, root first. All are read in one
    query, and the deepest page found in a second one, whole and with the related objects
    its template shows (``serve_select_related``); the pages above it are only walked
    through, so their own fields stay deferred (``specific_deferred``).
    """
    steplen = top.steplen
    wanted = Q(path__in=[top.path[: steplen * depth] for depth in range(1, top.depth)])
    below = Q()
    for offset, slug in enumerate(path_components, start=1):
        below |= Q(depth=top.depth + offset, slug=slug)
    found = Page.objects.filter(wanted | (below & Q(path__startswith=top.path))).order_by("path")
    by_parent = {}
    ancestors = []
    for page in found:
        if len(page.path) < len(top.path):
            ancestors.append(page)
        else:
            by_parent.setdefault((page.path[:-steplen], page.slug), page)
    chain = {}
    parent = top
    for slug in path_components:
        child = by_parent.get((parent.path, slug))
        if child is None:
            break
        chain[(parent.path, slug)] = child
        parent = child
    if parent is top:
        return chain, ancestors
    for key, page in chain.items():
        chain[key] = _serving_instance(page) if page is parent else page.specific_deferred
    return chain, ancestors


def _serving_instance(page):
    """``page.specific``, with the related objects listed in the specific class's ``serve_select_related``."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    pages = model._default_manager.filter(pk=page.pk)
    related = getattr(model, "serve_select_related", ())
    if related:
        pages = pages.select_related(*related)
    return pages.first() or page.specific


class BasePage(Page):
    """Abstract base of every public page: meta-tag values and listing helpers."""

    # ColumnType meta tag (政府网站发展指引): the kind of column a page belongs to.
    column_type = "其他"
    # Whether the page is an article (ArticleTitle, PubDate ... meta tags).
    is_article = False
    #: Foreign keys the page's template shows, read with the page when it is served (select_related).
    serve_select_related = ()

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """``Page.route``, with the pages on the rest of the path read at once rather than two queries a level.

        Each page on the path still routes the rest itself (a routable page first tries its
        own sub-routes), exactly as ``Page.route`` would; only the child look-ups are answered
        from :func:`pages_on_path`. The page served knows its ancestors from the same query.
        """
        if not path_components:
            return super().route(request, path_components)
        # The pages on the path, and this page with its ancestors (root first): the child's ancestors.
        routing = getattr(self, "_routing", None)
        if routing is None:
            chain, ancestors = pages_on_path(self, path_components)
            routing = (chain, [*ancestors, self])
        chain, lineage = routing
        child = chain.get((self.path, path_components[0]))
        if child is None:
            # Page.route's answer when no child has that slug.
            raise Http404
        child._cached_parent_obj = self
        child._routing = (chain, [*lineage, child])
        child.__dict__.setdefault("ancestor_pages", lineage)
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        """``Page.get_view_restrictions``, without reading the ancestors again when routing has just read them."""
        ancestors = self.__dict__.get("ancestor_pages")
        if ancestors is None:
            return super().get_view_restrictions()
        page_ids = set()

        def add(page):
            # As Wagtail does: an alias is restricted as its source page is.
            if page.alias_of_id:
                add(page.alias_of)
            else:
                page_ids.add(page.pk)

        for page in [self, *ancestors]:
            add(page)
        return PageViewRestriction.objects.filter(page_id__in=page_ids)

    @cached_property
    def ancestor_pages(self):
        """The page's ancestors from the root down, in their specific classes without their own fields.

        Known without a query for a page reached by routing; breadcrumbs and the column tags read them.
        """
        return list(self.get_ancestors().specific(defer=True))

    def listed_attachments(self):
        """The page's attachments (its ``attachments`` inline panel) with their documents, read in one query."""
        attachments = getattr(self, "attachments", None)
        return attachments.select_related("document") if attachments is not None else []

    @property
    def column_page(self):
        """The top-level column (child of the home page) this page lives in."""
        if self.depth <= 3:
            return self
        return next((page for page in self.ancestor_pages if page.depth == 3), self)

    def get_meta_description(self):
        return self.search_description

    def _set_core_field_defaults(self):
        # Wagtail would slugify the Chinese title into nothing (ASCII slugs) or into a long
        # percent-encoded URL; a page created without a slug gets a short pinyin one instead.
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and self.title and parent_is_known:
            self.slug = self._get_autogenerated_slug(pinyin_slug(self.title))
        super()._set_core_field_defaults()


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
