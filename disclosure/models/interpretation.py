"""Policy interpretations (政策解读), each linked to the documents it explains."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.listing import FilterableListMixin
from core.models import ArticleMixin, BasePage

from .documents import PolicyDocumentPage


class InterpretationIndexPage(FilterableListMixin, BasePage):
    """The 政策解读 column; a department's own column may nest inside it."""

    parent_page_types = ["home.HomePage", "disclosure.DisclosureIndexPage", "disclosure.InterpretationIndexPage"]
    subpage_types = ["disclosure.InterpretationIndexPage", "disclosure.InterpretationPage"]

    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    column_type = "政策解读"
    page_size = 20

    class Meta:
        verbose_name = _("政策解读栏目")
        verbose_name_plural = _("政策解读栏目")

    def listing_items(self, request):
        return (
            InterpretationPage.objects.live()
            .descendant_of(self)
            .select_related("organisation")
            .order_by("-published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sub_columns"] = InterpretationIndexPage.objects.child_of(self).live()
        return context


class InterpretationForm(models.TextChoices):
    """解读形式."""

    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图文解读")
    VIDEO = "video", _("视频解读")
    EXPERT = "expert", _("专家解读")
    MEDIA = "media", _("媒体解读")
    INTERVIEW = "interview", _("在线访谈")


class InterpretationPage(ArticleMixin, BasePage):
    """An interpretation of one or more policy documents (政策解读)."""

    parent_page_types = ["disclosure.InterpretationIndexPage"]
    subpage_types = []

    form = models.CharField(
        _("解读形式"), max_length=20, choices=InterpretationForm.choices, default=InterpretationForm.TEXT
    )
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("解读机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpreter = models.CharField(
        _("解读人"), max_length=100, blank=True, help_text=_("专家、媒体或负责同志姓名职务。")
    )
    video_url = models.URLField(_("视频地址"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)

    content_panels = BasePage.content_panels + [
        InlinePanel("interpreted_policies", label=_("解读的政策文件"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("form"), FieldPanel("organisation"), FieldPanel("interpreter"), FieldPanel("video_url")],
            heading=_("解读信息"),
        ),
        *ArticleMixin.article_panels,
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("keywords", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("organisation"),
        index.FilterField("published_at"),
    ]

    column_type = "政策解读"
    serve_select_related = ("organisation",)

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def clean(self):
        super().clean()
        if self.form == InterpretationForm.VIDEO and not self.video_url.strip():
            # A 视频解读 without its video would promise readers something the page does not have.
            raise ValidationError({"video_url": _("解读形式为“视频解读”时须填写视频地址。")})

    @property
    def video_is_file(self):
        """Whether the video address is a file the page can play itself (rather than a player page)."""
        return self.video_url.lower().split("?")[0].endswith((".mp4", ".webm", ".ogv", ".m4v"))

    def policies(self):
        return PolicyDocumentPage.objects.live().filter(interpretation_links__page=self).distinct()

    def get_content_source(self):
        if self.source:
            return self.source
        return self.organisation.name if self.organisation else ""


class InterpretedPolicy(Orderable):
    """The link from an interpretation to a policy document it interprets."""

    page = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="interpreted_policies")
    policy = models.ForeignKey(
        "disclosure.PolicyDocumentPage",
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="interpretation_links",
    )

    panels = [PageChooserPanel("policy", "disclosure.PolicyDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("解读的政策文件")
        verbose_name_plural = _("解读的政策文件")
