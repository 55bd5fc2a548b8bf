"""A government document in the disclosure catalogue, its attachments and its successor links."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.attachments import attachment_text_for
from core.blocks import BodyStreamBlock
from core.calendar import calendar_overrides, working_days_late
from core.models import ArticleMixin, BasePage, PageAttachment
from core.text import normalise_document_number
from disclosure.deadlines import proactive_disclosure_days

from .choices import SUMMARY_MAX_LENGTH, DisclosureMethod, DisclosureScope, Rank, Validity
from .numbering import assign_index_number


class PolicyDocumentForm(WagtailAdminPageForm):
    """The admin form: a new document defaults to its sub-catalogue's organisation."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "organisation" in self.fields and not self.instance.pk and parent_page is not None:
            organisation_id = getattr(parent_page.specific, "organisation_id", None)
            if organisation_id:
                self.initial["organisation"] = organisation_id


class PolicyDocumentPage(ArticleMixin, BasePage):
    """A government document published in the disclosure catalogue (政府文件 / 公开信息)."""

    parent_page_types = ["disclosure.CatalogueIndexPage"]
    subpage_types = []

    # Overrides ArticleMixin's: left blank, the 发布日期 becomes the moment of first publication.
    published_at = models.DateTimeField(
        _("发布日期"), null=True, blank=True, help_text=_("留空则在首次发布时自动填写。")
    )

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

    base_form_class = PolicyDocumentForm
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
    serve_select_related = ("organisation", "subject__parent", "genre")

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
        # The catalogue lists newest first (ties by id), unfiltered or by 发布机构: walking
        # these indexes, page 1 reads 20 rows, not the whole catalogue sorted.
        indexes = [
            models.Index(fields=["published_at", "page_ptr"], name="document_published"),
            models.Index(fields=["organisation", "published_at", "page_ptr"], name="document_org_published"),
            models.Index(fields=["formed_on", "page_ptr"], name="document_formed"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.summary and len(self.summary) > SUMMARY_MAX_LENGTH:
            errors["summary"] = _("内容概述不能超过 %(max)d 个字（现为 %(n)d 个字）。") % {
                "max": SUMMARY_MAX_LENGTH,
                "n": len(self.summary),
            }
        if self.validity == Validity.VALID and self.invalid_from:
            errors["invalid_from"] = _("现行有效的文件不应填写失效日期。")
        if self.effective_on and self.formed_on and self.effective_on < self.formed_on:
            errors["effective_on"] = _("施行日期不能早于成文日期。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.document_number_normalised = normalise_document_number(self.document_number)
        update_fields = kwargs.get("update_fields")
        if self.pk:
            # Publishing a revision restores fields from its JSON, which may predate the
            # first publication: the index number and first 发布日期 in the table win.
            stored = type(self).objects.filter(pk=self.pk).values_list("index_number", "published_at").first()
            if stored:
                if stored[0]:
                    self.index_number = stored[0]
                if self.published_at is None and stored[1] is not None:
                    self.published_at = stored[1]
        changed = []
        if self.live:
            if self.published_at is None:
                self.published_at = timezone.now()
                changed.append("published_at")
            if not self.index_number:
                assign_index_number(self)
                changed.append("index_number")
        if update_fields is not None:
            # Partial saves (e.g. recording a draft revision) must not leak draft values into the live row.
            if "document_number" in update_fields:
                changed.append("document_number_normalised")
            kwargs["update_fields"] = {*update_fields, *changed}
        super().save(*args, **kwargs)

    def get_content_source(self):
        return self.source or self.organisation.name

    @property
    def is_valid(self):
        return self.validity == Validity.VALID

    @property
    def status_label(self):
        return self.get_validity_display()

    def successor_links(self):
        return [link for link in self.successors.select_related("successor") if link.successor.live]

    def predecessors(self):
        return self.predecessor_links.filter(page__live=True).select_related("page")

    def interpretations(self):
        # Interpretations link to their policies, so the model is looked up, not imported (it imports this one).
        interpretation_model = apps.get_model("disclosure", "InterpretationPage")
        return interpretation_model.objects.live().filter(interpreted_policies__policy=self).distinct()

    def keyword_list(self):
        return [word for word in self.keywords.replace("，", ",").replace(" ", ",").split(",") if word]

    @cached_property
    def working_days_to_publish(self):
        """Working days between 成文日期 and 发布日期 (official calendar, make-up days included)."""
        return working_days_late(self.formed_on, self.published_at, calendar_overrides())

    @property
    def published_late(self):
        days = self.working_days_to_publish
        return days is not None and days > proactive_disclosure_days()

    @classmethod
    def get_indexed_objects(cls):
        # Attachments are read by attachment_text() for every indexed page.
        return super().get_indexed_objects().select_related("organisation").prefetch_related("attachments")

    def attachment_text(self, texts=None):
        """Text extracted from the PDF / Word attachments (indexed for search); ``texts`` as ``attachment_text_for``."""
        return attachment_text_for(self, texts)


class DocumentAttachment(PageAttachment):
    """A file attached to a government document (PDF, Word, Excel, images)."""

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(PageAttachment.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")


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
