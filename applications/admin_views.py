"""The office's register in the Wagtail admin: who sees what, the calendar warning, the listing and registration."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

import django_filters

from applications import settings as rules
from applications.clock import uncovered_years
from applications.models import Application, CalendarYear, Channel, State, Step, StepKind
from applications.models.choices import OPEN_STATES
from core.calendar import add_working_days, calendar_overrides
from core.spreadsheets import SafeSpreadsheetExportMixin
from disclosure.models import Organisation

PERSONAL_DATA = "applications.view_personal_data"
PERSONAL_FIELDS = [
    "name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
]


# -- who sees what ------------------------------------------------------------------------


def is_office(user):
    return user.is_superuser or user.has_perm("applications.change_application")


def applications_visible_to(user):
    """The office, its head and supervisors see the whole register; a department handler sees what is assigned."""
    applications = Application.objects.select_related("organisation", "department", "assignee")
    if is_office(user) or not user.has_perm("applications.handle_application"):
        return applications if user.has_perm("applications.view_application") else applications.none()
    return applications.filter(assignee=user)


def may_handle(user, application):
    return is_office(user) or (user.has_perm("applications.handle_application") and application.assignee_id == user.pk)


def may_approve(user):
    return user.is_superuser or user.has_perm("applications.approve_application")


# -- the calendar warning ------------------------------------------------------------------


def uncovered_calendar_years():
    """Years that open applications' deadlines reach and whose holidays nobody has entered yet."""
    confirmed = CalendarYear.confirmed_years()
    years = set()
    for application in Application.objects.filter(state__in=OPEN_STATES, deadline_provisional=True):
        if application.deadline:
            years.update(uncovered_years(application.received_on, application.deadline, confirmed))
    today = timezone.localdate()
    # A month before a new year the office should already have its holidays.
    soon = add_working_days(today, rules.reply_days() + rules.extension_days())
    years.update(uncovered_years(today, soon, confirmed))
    return sorted(years)


def calendar_warning():
    years = uncovered_calendar_years()
    if not years:
        return ""
    listed = "、".join(f"{year}年" for year in years)
    return (
        f"注意：{listed}的法定节假日和调休安排尚未录入，期限落在{listed}的申请为“暂定期限”（暂按周一至周五推算），"
        "可能不准确。请在“依申请公开 → 节假日录入”中录入当年放假和调休上班日期并确认。"
    )


class CalendarWarningMixin:
    """Every page of the 依申请公开 menu warns while the calendar lacks a year a deadline reaches."""

    def get(self, request, *args, **kwargs):
        warning = calendar_warning()
        if warning:
            messages.warning(request, warning)
        return super().get(request, *args, **kwargs)


# -- the register ------------------------------------------------------------------------


class DeadlineColumn(Column):
    """The answer date with the working days left, highlighted when close to or past it."""

    cell_template_name = "applications/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["application"] = instance
        context["status"] = instance.deadline_status()
        context["days_left"] = instance.days_left()
        return context


class ApplicationFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("办理状态"), choices=State.choices)
    due = django_filters.ChoiceFilter(
        label=_("期限"),
        choices=[("overdue", _("已超期")), ("due_soon", _("即将到期")), ("provisional", _("暂定期限"))],
        method="filter_due",
    )
    organisation = django_filters.ModelChoiceFilter(label=_("申请机关"), queryset=Organisation.objects.all())
    department = django_filters.ModelChoiceFilter(label=_("承办部门"), queryset=Organisation.objects.all())
    channel = django_filters.ChoiceFilter(label=_("申请渠道"), choices=Channel.choices)
    received_on = django_filters.DateFromToRangeFilter(label=_("收到申请日期"))

    class Meta:
        model = Application
        fields = []

    def filter_due(self, queryset, name, value):
        return filter_due(queryset, value)


def filter_due(queryset, value, today=None):
    today = today or timezone.localdate()
    open_ones = queryset.filter(state__in=OPEN_STATES)
    if value == "overdue":
        return open_ones.filter(deadline__lt=today)
    if value == "due_soon":
        limit = add_working_days(today, rules.due_soon_days(), calendar_overrides())
        return open_ones.filter(deadline__gte=today, deadline__lte=limit)
    if value == "provisional":
        return open_ones.filter(deadline_provisional=True)
    return queryset


def detail_url(application):
    return reverse("applications_admin:detail", args=[application.pk])


class ApplicationIndexView(CalendarWarningMixin, SafeSpreadsheetExportMixin, IndexView):
    search_backend_name = None  # substring search suits numbers and Chinese titles
    export_filename = "applications"
    list_export = [
        "number",
        "organisation",
        "channel_display",
        "received_on",
        "info_title",
        "state_display",
        "department",
        "deadline",
        "outcome_label",
        "replied_on",
    ]
    export_headings = {
        "channel_display": "申请渠道",
        "state_display": "办理状态",
        "outcome_label": "办理结果",
    }

    def get_base_queryset(self):
        return applications_visible_to(self.request.user)


class RegistrationMixin(CalendarWarningMixin):
    """Registration forms: the channel says how a paper application came in."""


class ApplicationCreateView(RegistrationMixin, CreateView):
    """Registering a paper, letter or fax application typed in by staff."""

    def save_instance(self):
        instance = super().save_instance()
        Step.objects.create(
            application=instance,
            kind=StepKind.REGISTERED,
            on=instance.received_on,
            note=f"通过“{instance.get_channel_display()}”收到申请。",
        )
        log(instance, "applications.register", user=self.request.user, data={"number": instance.number})
        return instance

    def get_success_url(self):
        return detail_url(self.object)


class ApplicationEditView(RegistrationMixin, EditView):
    def get_object(self, queryset=None):
        application = super().get_object(queryset)
        if not self.request.user.has_perm(PERSONAL_DATA):
            raise PermissionDenied
        return application

    def get_success_url(self):
        return detail_url(self.object)


REGISTRATION_PANELS = [
    MultiFieldPanel(
        [FieldPanel("organisation"), FieldRowPanel([FieldPanel("channel"), FieldPanel("received_on")])],
        heading=_("登记"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("applicant_type"), FieldPanel("organisation_kind")]),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("id_type"), FieldPanel("id_number")]),
            FieldRowPanel(
                [FieldPanel("credit_code"), FieldPanel("legal_representative"), FieldPanel("contact_person")]
            ),
            FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
            FieldRowPanel([FieldPanel("address"), FieldPanel("postcode")]),
            FieldPanel("id_document"),
        ],
        heading=_("申请人（个人信息，不公开）"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("info_title"),
            FieldPanel("info_document_number"),
            FieldPanel("info_description"),
            FieldPanel("purpose"),
            FieldRowPanel([FieldPanel("carrier"), FieldPanel("delivery")]),
        ],
        heading=_("所需信息"),
    ),
]


class ApplicationViewSet(SnippetViewSet):
    model = Application
    icon = "mail"
    menu_label = _("申请登记簿")
    add_to_admin_menu = False
    index_view_class = ApplicationIndexView
    add_view_class = ApplicationCreateView
    edit_view_class = ApplicationEditView
    filterset_class = ApplicationFilterSet
    search_fields = ["number", "info_title", "info_document_number"]
    panels = REGISTRATION_PANELS
    list_display = [
        TitleColumn("number", label=_("申请编号"), get_url=detail_url),
        Column("info_title", label=_("所需信息")),
        Column("organisation", label=_("申请机关")),
        Column("department", label=_("承办部门")),
        Column("get_state_display", label=_("办理状态")),
        Column("received_on", label=_("收到日期")),
        DeadlineColumn("deadline", label=_("答复期限 / 剩余工作日")),
    ]
    list_per_page = 50
    inspect_view_enabled = False
    copy_view_enabled = False
