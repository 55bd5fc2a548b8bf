"""The consultation column and its drafts under consultation (意见征集)."""

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from consultations.blocks import DraftStreamBlock, article_label
from consultations.handling import HandlingReport
from consultations.rules import period_problem
from consultations.views import CommentRoutesMixin
from core.listing import FilterableListMixin
from core.models import ArticleMixin, BasePage, PageAttachment


class Status(models.TextChoices):
    """The state of a consultation, derived from its dates and report."""

    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已结束")
    REPORTED = "reported", _("已反馈")


def status_q(status, now):
    """A filter selecting consultations in ``status`` at ``now``."""
    if status == Status.UPCOMING:
        return Q(starts_at__gt=now)
    if status == Status.OPEN:
        return Q(starts_at__lte=now, ends_at__gt=now)
    if status == Status.CLOSED:
        return Q(ends_at__lte=now, report_published=False)
    if status == Status.REPORTED:
        return Q(ends_at__lte=now, report_published=True)
    return Q()


class ConsultationIndexPage(FilterableListMixin, BasePage):
    """The 意见征集 column: every consultation, open ones first."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    column_type = "互动交流"
    page_size = 20

    class Meta:
        verbose_name = _("意见征集栏目")
        verbose_name_plural = _("意见征集栏目")

    def consultations(self, status="", year=None):
        now = timezone.now()
        qs = ConsultationPage.objects.child_of(self).live().select_related("organisation")
        if status in Status.values:
            qs = qs.filter(status_q(status, now))
        if year:
            qs = qs.filter(starts_at__year=year)
        # Open consultations first, then upcoming, then closed ones awaiting a report, then reported.
        rank = Case(
            When(status_q(Status.OPEN, now), then=Value(0)),
            When(status_q(Status.UPCOMING, now), then=Value(1)),
            When(status_q(Status.CLOSED, now), then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        return qs.annotate(status_rank=rank).order_by("status_rank", "-ends_at", "-pk")

    def years(self):
        return self._years

    @cached_property
    def _years(self):
        # The filter, its check and the listing all ask: read once per request (the page is routed afresh each time).
        dates = ConsultationPage.objects.child_of(self).live().dates("starts_at", "year", order="DESC")
        return [d.year for d in dates]

    def selected_filters(self, request):
        """The status and year chosen in the query string, each dropped when it is not one on offer."""
        status = request.GET.get("status", "")
        if status not in Status.values:
            status = ""
        try:
            year = int(request.GET.get("year", ""))
        except ValueError:
            year = None
        if year not in self.years():
            year = None
        return status, year

    def listing_items(self, request):
        return self.consultations(*self.selected_filters(request))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status, year = self.selected_filters(request)
        context.update(
            status_choices=Status.choices,
            selected_status=status,
            years=self.years(),
            selected_year=year,
        )
        return context


class ConsultationPageForm(WagtailAdminPageForm):
    """The admin form: dates in order and the statutory minimum period, or a stated reason."""

    def clean(self):
        cleaned = super().clean()
        starts_at = cleaned.get("starts_at")
        ends_at = cleaned.get("ends_at")
        if not starts_at or not ends_at:
            return cleaned
        if ends_at <= starts_at:
            self.add_error("ends_at", _("截止时间必须晚于开始时间。"))
            return cleaned
        if cleaned.get("report_published") and ends_at > timezone.now():
            # The handling report answers every comment; it cannot come before the last one.
            self.add_error(
                "report_published",
                _("征集尚未结束（截止时间%(end)s），不能发布意见采纳情况反馈。请在征集结束后再勾选。")
                % {"end": timezone.localtime(ends_at).strftime("%Y-%m-%d %H:%M")},
            )
        policy = cleaned.get("policy_document")
        normative = cleaned.get("is_normative") or bool(policy and policy.rank == "normative")
        problem = period_problem(starts_at, ends_at, normative)
        if problem and not cleaned.get("short_period_reason", "").strip():
            self.add_error("short_period_reason", problem)
        return cleaned


class ConsultationPage(CommentRoutesMixin, RoutablePageMixin, ArticleMixin, BasePage):
    """A draft open for public comment, with its comments' handling report (意见采纳情况反馈)."""

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("起草单位"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    starts_at = models.DateTimeField(_("征集开始时间"))
    ends_at = models.DateTimeField(_("征集截止时间"))
    is_normative = models.BooleanField(
        _("行政规范性文件"),
        default=False,
        help_text=_(
            "规范性文件征求意见期限不少于7个工作日；其他重大决策草案不少于30日。关联文件效力等级为规范性文件时自动适用。"
        ),
    )
    short_period_reason = models.TextField(
        _("征集期限较短的理由"),
        blank=True,
        help_text=_("征集期限少于法定期限时必须说明理由，理由将向社会公开。"),
    )
    draft = StreamField(DraftStreamBlock(), verbose_name=_("征求意见稿"), blank=True)
    explanation = RichTextField(_("起草说明"), blank=True, features=["h3", "h4", "bold", "ol", "ul", "link"])
    mail_address = models.CharField(
        _("信函地址"), max_length=200, blank=True, help_text=_("含收件单位和邮政编码，请在信封上注明“意见征集”。")
    )
    email = models.EmailField(_("电子邮箱"), blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    policy_document = models.ForeignKey(
        "disclosure.PolicyDocumentPage",
        verbose_name=_("正式发布的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        help_text=_("草案通过后在信息公开目录中发布的正式文件。"),
    )
    report_published = models.BooleanField(
        _("发布意见采纳情况反馈"),
        default=False,
        help_text=_("征集结束后勾选并发布本页，即在页面上公开意见采纳情况。发布须经审核。"),
    )
    report_summary = RichTextField(
        _("采纳情况说明"), blank=True, features=["bold", "ol", "ul", "link"], help_text=_("对意见总体采纳情况的说明。")
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("contact_person"), FieldPanel("contact_phone")]),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("is_normative"),
                FieldPanel("short_period_reason"),
                FieldPanel("policy_document"),
            ],
            heading=_("征集信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("mail_address"), FieldRowPanel([FieldPanel("email"), FieldPanel("fax")])],
            heading=_("其他意见反馈渠道"),
        ),
        FieldPanel("summary"),
        FieldPanel("draft"),
        FieldPanel("explanation"),
        InlinePanel("attachments", label=_("附件")),
        MultiFieldPanel(
            [FieldPanel("report_published"), FieldPanel("report_summary")],
            heading=_("意见采纳情况反馈"),
        ),
    ]
    promote_panels = BasePage.promote_panels + ArticleMixin.article_panels
    base_form_class = ConsultationPageForm

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("draft"),
        index.SearchField("explanation"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("published_at"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
        index.FilterField("report_published"),
    ]

    column_type = "互动交流"
    serve_select_related = ("organisation", "policy_document")

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="consultation_ends_after_start")
        ]

    # -- status -------------------------------------------------------------

    def status_at(self, now=None):
        now = now or timezone.now()
        if now < self.starts_at:
            return Status.UPCOMING
        if now < self.ends_at:
            return Status.OPEN
        return Status.REPORTED if self.report_published else Status.CLOSED

    @property
    def status(self):
        return self.status_at()

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def is_open(self):
        return self.status == Status.OPEN

    @property
    def is_normative_document(self):
        return self.is_normative or bool(self.policy_document_id and self.policy_document.rank == "normative")

    @property
    def period_is_short(self):
        return bool(period_problem(self.starts_at, self.ends_at, self.is_normative_document))

    @property
    def days_without_report(self):
        """Whole days since the consultation closed, while its handling report is still unpublished."""
        if self.status != Status.CLOSED:
            return None
        return (timezone.localdate() - timezone.localtime(self.ends_at).date()).days

    def get_content_source(self):
        return self.source or self.organisation.name

    # -- draft articles -------------------------------------------------------

    @cached_property
    def numbered_draft(self):
        """The draft's blocks with each article's number and anchor: (block, number, label, anchor)."""
        items = []
        number = 0
        for block in self.draft:
            if block.block_type == "article":
                number += 1
                items.append((block, number, article_label(number), f"article-{number}"))
            else:
                items.append((block, None, "", ""))
        return items

    def article_choices(self):
        return [(anchor, label) for _block, number, label, anchor in self.numbered_draft if number]

    # -- comments ---------------------------------------------------------------

    def handling_report(self):
        return HandlingReport(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the report as it will appear once published, even before the end date.
        if self.report_published and (self.status == Status.REPORTED or getattr(request, "is_preview", False)):
            context["report"] = self.handling_report()
        return context


class ConsultationAttachment(PageAttachment):
    """A file published with the draft (the draft as PDF, background material)."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(PageAttachment.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
