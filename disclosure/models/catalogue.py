"""The disclosure section and its catalogue of government documents (政府信息公开目录)."""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.listing import FilterableListMixin, KeysFirst, Listing, mark_noindex
from core.models import BasePage
from core.models.pages import subtree
from core.navigation import menu_pages
from disclosure.feeds import CatalogueAtomFeed, CatalogueRssFeed, catalogue_csv_response
from disclosure.forms import CatalogueFilterForm

from .documents import PolicyDocumentPage
from .interpretation import InterpretationIndexPage


class DisclosureIndexPage(BasePage):
    """The entry to government information disclosure (政府信息公开), one per site."""

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "disclosure.DisclosureGuidePage",
        "disclosure.CatalogueIndexPage",
        "disclosure.AnnualReportIndexPage",
        "disclosure.InterpretationIndexPage",
        "home.ColumnIndexPage",
    ]
    max_count_per_parent = 1

    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    column_type = "信息公开"

    class Meta:
        verbose_name = _("政府信息公开")
        verbose_name_plural = _("政府信息公开")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Titles and links only: the entries' own fields are not read.
        entries = list(self.get_children().live().specific(defer=True))
        context["entries"] = entries
        context["latest_documents"] = (
            PolicyDocumentPage.objects.live()
            .descendant_of(self)
            .select_related("organisation")
            .order_by("-published_at", "-pk")[:10]
        )
        context["catalogue"] = next((page for page in entries if isinstance(page, CatalogueIndexPage)), None)
        # The 政策解读 column usually sits beside this one, at the top of the site.
        interpretations = InterpretationIndexPage.objects.live().filter(depth__lte=self.depth + 1)
        context["interpretation_index"] = interpretations.order_by("depth").first()
        parent = self.get_parent()
        context["other_sections"] = [
            page
            for page in (menu_pages(request, parent) if parent is not None else [])
            if page.pk != self.pk
            and page.specific_class.__name__ in {"InterpretationIndexPage", "ConsultationIndexPage"}
        ]
        return context


class CatalogueIndexPage(FilterableListMixin, RoutablePageMixin, BasePage):
    """A disclosure catalogue (政府信息公开目录); a department's sub-catalogue nests inside the main one."""

    parent_page_types = ["disclosure.DisclosureIndexPage", "disclosure.CatalogueIndexPage"]
    subpage_types = ["disclosure.CatalogueIndexPage", "disclosure.PolicyDocumentPage"]

    intro = RichTextField(_("目录说明"), blank=True, features=["bold", "link"])
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("部门子目录填写；新建文件时默认使用该机构。"),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("organisation")]

    column_type = "信息公开"
    feed_size = 50

    class Meta:
        verbose_name = _("信息公开目录")
        verbose_name_plural = _("信息公开目录")

    def documents(self):
        """Every live document in this catalogue and its department sub-catalogues."""
        return (
            PolicyDocumentPage.objects.live()
            .descendant_of(self)
            .select_related("organisation", "subject", "subject__parent", "genre")
        )

    filter_form_class = CatalogueFilterForm

    def listing_items(self, request):
        return self.documents()

    def get_listing(self, request):
        form = self.get_filter_form(request)
        documents = self.filtered_items(request, form)
        # Unfiltered, the total is counted in the page table alone (an index-only count of its
        # live documents under this catalogue), not through the join with every document row.
        unfiltered = form is None or not form.active_filters()
        items = KeysFirst(documents, count=self.count_live_documents if unfiltered else None)
        return Listing(request, items, page_size=self.page_size, form=form)

    def count_live_documents(self) -> int:
        """The number of live documents in this catalogue and its sub-catalogues (``documents().count()``)."""
        # No depth condition: this page is not a document, and the index holds no depth.
        pages = Page.objects.all()
        return pages.filter(
            subtree(self, connections[pages.db].vendor),
            content_type=ContentType.objects.get_for_model(PolicyDocumentPage),
            live=True,
        ).count()

    def filtered(self, request):
        form = self.get_filter_form(request)
        return form, self.filtered_items(request, form)

    def sub_catalogues(self):
        # Read from the few catalogue rows (SQLite would otherwise walk every page of the subtree,
        # documents included, to find them: 40-65 ms at 100,000 documents, 1 ms this way).
        catalogues = CatalogueIndexPage.objects.values("pk")
        return CatalogueIndexPage.objects.filter(pk__in=catalogues).child_of(self).live()

    @path("")
    def listing(self, request):
        return self.render(request, context_overrides={"sub_catalogues": self.sub_catalogues()})

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        form, documents = self.filtered(request)
        return mark_noindex(CatalogueRssFeed(self, documents[: self.feed_size], request)(request), form)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        form, documents = self.filtered(request)
        return mark_noindex(CatalogueAtomFeed(self, documents[: self.feed_size], request)(request), form)

    @path("export/csv/", name="csv")
    def csv_export(self, request):
        form, documents = self.filtered(request)
        return mark_noindex(catalogue_csv_response(documents, request, filename=self.slug), form)
