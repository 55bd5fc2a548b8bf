"""The disclosure section and its catalogue of government documents (政府信息公开目录)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from disclosure.identifiers import normalise_document_number
from home.blocks import BodyStreamBlock
from home.models import ArticleMixin, BasePage


class DisclosureIndexPage(BasePage):
    """The entry to government information disclosure (政府信息公开), one per site."""

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    column_type = "信息公开"

    class Meta:
        verbose_name = _("政府信息公开")
        verbose_name_plural = _("政府信息公开")


class CatalogueIndexPage(BasePage):
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

    class Meta:
        verbose_name = _("信息公开目录")
        verbose_name_plural = _("信息公开目录")


class Rank(models.TextChoices):
    """效力等级."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class Validity(models.TextChoices):
    """有效性."""

    VALID = "valid", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class DisclosureMethod(models.TextChoices):
    """公开方式."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")


class DisclosureScope(models.TextChoices):
    """公开范围."""

    PUBLIC = "public", _("面向社会")
    SPECIFIC = "specific", _("特定群体")


class PolicyDocumentPage(ArticleMixin, BasePage):
    """A government document published in the disclosure catalogue (政府文件 / 公开信息)."""

    parent_page_types = ["disclosure.CatalogueIndexPage"]
    subpage_types = []

    index_number = models.CharField(
        _("索引号"),
        max_length=100,
        blank=True,
        help_text=_("首次发布时自动生成，之后不再改变。"),
    )
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    document_number_normalised = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("发布机构"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    formed_on = models.DateField(_("成文日期"))
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    subject = models.ForeignKey(
        "disclosure.SubjectCategory",
        verbose_name=_("主题分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    genre = models.ForeignKey(
        "disclosure.Genre",
        verbose_name=_("公文种类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    rank = models.CharField(_("效力等级"), max_length=20, choices=Rank.choices, default=Rank.OTHER)
    validity = models.CharField(_("有效性"), max_length=20, choices=Validity.choices, default=Validity.VALID)
    invalid_from = models.DateField(_("失效日期"), null=True, blank=True)
    disclosure_method = models.CharField(
        _("公开方式"), max_length=20, choices=DisclosureMethod.choices, default=DisclosureMethod.PROACTIVE
    )
    disclosure_scope = models.CharField(
        _("公开范围"), max_length=20, choices=DisclosureScope.choices, default=DisclosureScope.PUBLIC
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("index_number", read_only=True),
                FieldPanel("document_number"),
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("formed_on"), FieldPanel("published_at"), FieldPanel("effective_on")]),
                FieldRowPanel([FieldPanel("subject"), FieldPanel("genre"), FieldPanel("rank")]),
                FieldRowPanel([FieldPanel("disclosure_method"), FieldPanel("disclosure_scope")]),
                FieldPanel("keywords"),
                FieldPanel("summary"),
            ],
            heading=_("公开属性"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("validity"), FieldPanel("invalid_from")]),
                InlinePanel("successors", label=_("修改或替代本文件的文件")),
            ],
            heading=_("有效性"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("index_number", boost=3),
        index.SearchField("document_number", boost=3),
        index.SearchField("summary"),
        index.SearchField("keywords", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.SearchField("attachment_text"),
        index.FilterField("organisation"),
        index.FilterField("subject"),
        index.FilterField("genre"),
        index.FilterField("rank"),
        index.FilterField("validity"),
        index.FilterField("formed_on"),
        index.FilterField("published_at"),
        index.FilterField("document_number_normalised"),
    ]

    column_type = "信息公开"

    class Meta:
        verbose_name = _("政府文件")
        verbose_name_plural = _("政府文件")
        constraints = [
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~Q(index_number=""),
                name="unique_index_number",
            ),
        ]

    def save(self, *args, **kwargs):
        self.document_number_normalised = normalise_document_number(self.document_number)
        super().save(*args, **kwargs)

    def get_content_source(self):
        return self.source or self.organisation.name

    @property
    def is_valid(self):
        return self.validity == Validity.VALID

    @classmethod
    def get_indexed_objects(cls):
        # Attachments are read by attachment_text() for every indexed page.
        return super().get_indexed_objects().select_related("organisation").prefetch_related("attachments")

    def attachment_text(self):
        """Text extracted from the PDF / Word attachments (indexed for search)."""
        from search.attachments import text_for_page

        return text_for_page(self)


class DocumentAttachment(Orderable):
    """A file attached to a government document (PDF, Word, Excel, images)."""

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("附件名称"), max_length=255, blank=True, help_text=_("留空则使用文件标题。"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self):
        return self.title or self.document.title


class DocumentSuccessor(Orderable):
    """A newer document that amends, repeals or replaces this one (successor link)."""

    class Relation(models.TextChoices):
        AMENDED_BY = "amended_by", _("被修改")
        REPEALED_BY = "repealed_by", _("被废止")
        REPLACED_BY = "replaced_by", _("被替代")

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="successors")
    successor = models.ForeignKey(
        PolicyDocumentPage,
        verbose_name=_("后续文件"),
        on_delete=models.CASCADE,
        related_name="predecessor_links",
    )
    relation = models.CharField(_("关系"), max_length=20, choices=Relation.choices, default=Relation.REPLACED_BY)

    panels = [FieldPanel("successor"), FieldPanel("relation")]

    class Meta(Orderable.Meta):
        verbose_name = _("后续文件")
        verbose_name_plural = _("后续文件")
