"""Site-wide page types: the home page, news columns, generic columns and the site identity."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.cached import CachedRows
from core.listing import FilterableListMixin
from core.models import ArticleMixin, BasePage
from core.navigation import menu_pages


class HomePage(BasePage):
    """The home page of one site: latest notices and news, entries to the main sections."""

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    intro = RichTextField(_("首页导语"), blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    column_type = "首页"

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    @cached_property
    def _news_indexes(self):
        """The first live news column of each kind below the home page (one query for both kinds)."""
        found = {}
        for page in NewsIndexPage.objects.child_of(self).live():
            found.setdefault(page.kind, page)
        return found

    def news_index(self, kind):
        return self._news_indexes.get(kind)

    def latest_news(self, kind, count=6):
        news_index = self.news_index(kind)
        if news_index is None:
            return []
        return news_index.news_items()[:count]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices_index"] = self.news_index(NewsIndexPage.Kind.NOTICE)
        context["news_index"] = self.news_index(NewsIndexPage.Kind.NEWS)
        context["latest_notices"] = self.latest_news(NewsIndexPage.Kind.NOTICE)
        context["latest_news"] = self.latest_news(NewsIndexPage.Kind.NEWS)
        # The same pages as the main menu (the template shows their title and description only).
        context["sections"] = menu_pages(request, self)
        return context


class NewsIndexPage(FilterableListMixin, BasePage):
    """A news-type column: 通知公告 or 工作动态."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("通知公告")
        NEWS = "news", _("工作动态")

    parent_page_types = ["home.HomePage", "home.ColumnIndexPage"]
    subpage_types = ["home.NewsPage"]

    kind = models.CharField(_("栏目类别"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("kind"), FieldPanel("intro")]

    column_type = "政务动态"
    page_size = 20

    class Meta:
        verbose_name = _("新闻栏目")
        verbose_name_plural = _("新闻栏目")

    def news_items(self):
        return NewsPage.objects.child_of(self).live().order_by("-published_at", "-pk")

    def listing_items(self, request):
        return self.news_items()


class NewsPage(ArticleMixin, BasePage):
    """A news item or a notice."""

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)

    content_panels = BasePage.content_panels + ArticleMixin.article_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("published_at"),
    ]

    column_type = "政务动态"

    class Meta:
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")


class ColumnIndexPage(BasePage):
    """A generic column (机构职能, 法定主动公开内容 ...): an introduction and its sub-pages."""

    parent_page_types = ["home.HomePage", "home.ColumnIndexPage", "disclosure.DisclosureIndexPage"]
    subpage_types = ["home.ColumnIndexPage", "home.NewsIndexPage", "home.ContentPage"]

    body = StreamField(BodyStreamBlock(), verbose_name=_("栏目介绍"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    column_type = "信息公开"

    class Meta:
        verbose_name = _("普通栏目")
        verbose_name_plural = _("普通栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Titles and links only: the children's own fields are not read.
        context["children"] = self.get_children().live().specific(defer=True)
        return context


class ContentPage(ArticleMixin, BasePage):
    """A standalone article in a generic column (机构职能, 领导信息 ...)."""

    parent_page_types = ["home.ColumnIndexPage", "home.HomePage"]
    subpage_types = []

    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)

    content_panels = BasePage.content_panels + ArticleMixin.article_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    column_type = "信息公开"

    class Meta:
        verbose_name = _("内容页")
        verbose_name_plural = _("内容页")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The identity every Chinese government website must show in its footer and meta tags."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="示例市人民政府")
    sponsor = models.CharField(_("主办单位"), max_length=100, blank=True)
    organiser = models.CharField(_("承办单位"), max_length=100, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    site_id_code = models.CharField(
        _("网站标识码"), max_length=20, blank=True, help_text=_("政府网站标识码，如 4208000001。")
    )
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    icp_url = models.URLField(_("ICP备案查询地址"), blank=True, default="https://beian.miit.gov.cn/")
    police_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    police_url = models.URLField(_("公安备案查询地址"), blank=True)
    report_error_url = models.URLField(
        _("“我为政府网站找错”链接"),
        blank=True,
        help_text=_("全国政府网站统一纠错平台上本网站的地址。"),
    )
    party_gov_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("党政机关网站标识"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party_gov_logo_url = models.URLField(_("党政机关网站标识链接"), blank=True)

    # The footer shows the logo on every page: read it with the settings.
    select_related = ["party_gov_logo"]

    @classmethod
    def for_site(cls, site):
        """The site's identity, from the shared cache (every page shows it) until one is saved or deleted."""
        if site is None:
            return super().for_site(site)
        identity = SITE_IDENTITIES.get().get(site.pk)
        if identity is None:
            identity = super().for_site(site)  # creates it
            SITE_IDENTITIES.forget()
        return identity

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("sponsor"), FieldPanel("organiser")],
            heading=_("网站信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("postcode"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("icp_url"),
                FieldPanel("police_number"),
                FieldPanel("police_url"),
                FieldPanel("report_error_url"),
                FieldPanel("party_gov_logo"),
                FieldPanel("party_gov_logo_url"),
            ],
            heading=_("备案与标识"),
        ),
    ]

    class Meta:
        verbose_name = _("网站标识信息")


def _identities() -> dict:
    return {identity.site_id: identity for identity in SiteIdentity.base_queryset()}


#: Every site's identity by site id (the logo's image included).
SITE_IDENTITIES = CachedRows("site-identities", _identities, models=(SiteIdentity, "wagtailimages.Image"))
