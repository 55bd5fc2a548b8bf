"""The disclosure guide (政府信息公开指南): the Article 12 fields of one organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import BasePage

GUIDE_FEATURES = ["h3", "bold", "ol", "ul", "link"]


class DisclosureGuidePage(BasePage):
    """The 政府信息公开指南: how information is arranged, obtained and applied for."""

    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("公开主体"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("政务公开工作机构的联系方式取自该机构。"),
    )
    classification = RichTextField(_("信息分类与编排"), features=GUIDE_FEATURES)
    obtaining = RichTextField(_("获取方式"), features=GUIDE_FEATURES)
    proactive_channels = RichTextField(_("主动公开的渠道和时限"), features=GUIDE_FEATURES)
    application = RichTextField(
        _("依申请公开"),
        features=GUIDE_FEATURES,
        help_text=_("申请渠道、申请内容要求、办理程序和答复期限（20个工作日，经批准可延长不超过20个工作日）。"),
    )
    fees = RichTextField(_("收费"), features=GUIDE_FEATURES, blank=True)
    supervision = RichTextField(_("监督和救济"), features=GUIDE_FEATURES)
    revised_on = models.DateField(_("更新日期"), null=True, blank=True, help_text=_("留空则显示最近发布日期。"))

    content_panels = BasePage.content_panels + [
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldPanel("classification"),
                FieldPanel("obtaining"),
                FieldPanel("proactive_channels"),
                FieldPanel("application"),
                FieldPanel("fees"),
                FieldPanel("supervision"),
            ],
            heading=_("指南内容"),
        ),
        FieldPanel("revised_on"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("classification"),
        index.SearchField("obtaining"),
        index.SearchField("application"),
        index.SearchField("supervision"),
    ]

    column_type = "信息公开"
    serve_select_related = ("organisation",)

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")

    @property
    def last_updated(self):
        return self.revised_on or self.last_published_at

    def sections(self):
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in ("classification", "obtaining", "proactive_channels", "application", "fees", "supervision")
            if getattr(self, name)
        ]
