"""The office's side in the Wagtail admin: the register, one application's record and its steps, downloads."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

import django_filters

from applications import forms as office_forms
from applications import handling
from applications import settings as rules
from applications.clock import uncovered_years
from applications.importing import COLUMNS as IMPORT_COLUMNS
from applications.importing import REQUIRED as IMPORT_REQUIRED
from applications.importing import import_applications
from applications.models import Application, CalendarYear, Channel, Letter, State, Step, StepKind
from applications.models.choices import OPEN_STATES
from disclosure.deadlines import calendar_overrides
from disclosure.exporting import _cell as spreadsheet_safe
from disclosure.models import Organisation
from disclosure.workdays import add_working_days

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


class SafeSpreadsheetMixin:
    """Exports never carry a cell a spreadsheet would evaluate as a formula."""

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {k: spreadsheet_safe(v) for k, v in row_dict.items()})


class ApplicationIndexView(CalendarWarningMixin, SafeSpreadsheetMixin, IndexView):
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


# -- one application ----------------------------------------------------------------------

ACTIONS = {
    # action: (form class or None, who may, states)
    "assign": (office_forms.AssignForm, "office", OPEN_STATES),
    "correction": (office_forms.CorrectionForm, "handle", [State.REGISTERED, State.PROCESSING]),
    "correction_received": (office_forms.DateForm, "handle", [State.CORRECTION]),
    "third_party": (office_forms.ThirdPartyForm, "handle", [State.PROCESSING, State.THIRD_PARTY]),
    "third_party_answered": (office_forms.ThirdPartyAnswerForm, "handle", [State.THIRD_PARTY]),
    "extension": (office_forms.ExtensionForm, "handle", [State.PROCESSING, State.THIRD_PARTY]),
    "approve_extension": (office_forms.DateForm, "approve", [State.PROCESSING, State.THIRD_PARTY]),
    "draft": (office_forms.DraftForm, "handle", [State.PROCESSING, State.CORRECTION]),
    "return_draft": (office_forms.CommentForm, "approve", [State.AWAITING_APPROVAL]),
    "approve_reply": (office_forms.DateForm, "approve", [State.AWAITING_APPROVAL]),
    "archive": (office_forms.DateForm, "office", [State.REPLIED]),
}
ACTION_LABELS = {
    "assign": "分办",
    "correction": "发出补正告知书",
    "correction_received": "登记收到补正",
    "third_party": "征求第三方意见",
    "third_party_answered": "登记第三方意见",
    "extension": "申请延期",
    "approve_extension": "批准延期",
    "draft": "起草答复并提交审批",
    "return_draft": "退回答复稿",
    "approve_reply": "审批通过并答复",
    "archive": "归档",
}


def _allowed(user, who, application):
    if who == "office":
        return is_office(user)
    if who == "approve":
        return may_approve(user)
    return may_handle(user, application)


def available_actions(user, application):
    actions = []
    for name, (_form, who, states) in ACTIONS.items():
        if application.state not in states or not _allowed(user, who, application):
            continue
        if name == "correction" and application.correction_requested_on:
            continue
        if name == "extension" and (application.extension_approved_on or application.extension_days):
            continue
        if name == "approve_extension" and not (application.extension_days and not application.extension_approved_on):
            continue
        actions.append(name)
    return actions


def _action_form(name, application, data=None, files=None):
    form_class = ACTIONS[name][0]
    today = timezone.localdate()
    initial = {"on": today}
    if name == "assign":
        initial.update(department=application.department_id or application.organisation_id)
    if name == "extension":
        initial.update(days=rules.extension_days())
    if name == "draft":
        return form_class(data, files, instance=application, prefix=name)
    if name == "third_party_answered":
        return form_class(data, initial=initial, application=application, prefix=name)
    return form_class(data, initial=initial, prefix=name)


def _get_visible(request, pk):
    application = applications_visible_to(request.user).filter(pk=pk).first()
    if application is None:
        raise PermissionDenied
    return application


def detail(request, pk, forms=None):
    application = _get_visible(request, pk)
    warning = calendar_warning()
    if warning and request.method == "GET":
        messages.warning(request, warning)
    actions = available_actions(request.user, application)
    forms = forms or {}
    action_forms = [(name, ACTION_LABELS[name], forms.get(name) or _action_form(name, application)) for name in actions]
    history = ModelLogEntry.objects.for_instance(application).select_related("user").order_by("timestamp")
    return TemplateResponse(
        request,
        "applications/admin/detail.html",
        {
            "application": application,
            "clock": application.clock(),
            "status": application.deadline_status(),
            "days_left": application.days_left(),
            "steps": application.steps.select_related("letter"),
            "letters": application.letters.all(),
            "consultations": application.consultations.all(),
            "appeals": application.appeals.all(),
            "action_forms": action_forms,
            "history": history,
            "show_personal": request.user.has_perm(PERSONAL_DATA),
            "may_edit": request.user.has_perm(PERSONAL_DATA) and is_office(request.user),
        },
        status=400 if forms else 200,
    )


@require_POST
def act(request, pk, action):
    application = _get_visible(request, pk)
    if action not in available_actions(request.user, application):
        raise PermissionDenied
    form = _action_form(action, application, request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, f"{ACTION_LABELS[action]}未完成，请修改后重新提交。")
        return detail(request, pk, forms={action: form})
    data = form.cleaned_data
    user = request.user
    try:
        if action == "assign":
            handling.assign(application, user, data["department"], data["assignee"])
        elif action == "correction":
            handling.request_correction(application, user, data["request_text"], data["on"], data["due_on"])
        elif action == "correction_received":
            handling.receive_correction(application, user, data["on"])
        elif action == "third_party":
            handling.consult_third_party(application, user, data["party"], data["on"])
        elif action == "third_party_answered":
            handling.third_party_answered(data["consultation"], user, data["on"], data["opinion"])
        elif action == "extension":
            handling.request_extension(application, user, data["days"], data["reason"])
        elif action == "approve_extension":
            handling.approve_extension(application, user, data["on"])
        elif action == "draft":
            fresh = Application.objects.get(pk=application.pk)
            handling.submit_draft(fresh, user, **{name: data.get(name) for name in handling.ANSWER_FIELDS})
        elif action == "return_draft":
            handling.return_draft(application, user, data["comment"])
        elif action == "approve_reply":
            handling.approve_reply(application, user, data["on"])
        elif action == "archive":
            handling.archive(application, user, data["on"])
    except handling.HandlingError as exc:
        messages.error(request, str(exc))
        return redirect(detail_url(application))
    messages.success(request, f"{ACTION_LABELS[action]}：已完成。")
    return redirect(detail_url(application))


def _serve(request, field_file, filename, content_type):
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


def letter_download(request, pk):
    letter = get_object_or_404(Letter, pk=pk)
    _get_visible(request, letter.application_id)
    if not request.user.has_perm(PERSONAL_DATA):
        raise PermissionDenied  # a letter carries the applicant's name
    return _serve(request, letter.file, letter.filename, "application/pdf")


def id_document_download(request, pk):
    application = _get_visible(request, pk)
    if not request.user.has_perm(PERSONAL_DATA) or not application.id_document:
        raise PermissionDenied
    return _serve(request, application.id_document, f"身份证明-{application.number}", application.id_document_type)


def provided_file_download(request, pk):
    application = _get_visible(request, pk)
    if not application.provided_file:
        raise Http404
    return _serve(request, application.provided_file, application.provided_file.name.rsplit("/", 1)[-1], None)


# -- import ---------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(label=_("申请台账（.xlsx 或 .csv）"))
    dry_run = forms.BooleanField(label=_("试运行：只检查，不保存"), required=False, initial=True)


def import_register(request):
    if not request.user.has_perm("applications.add_application"):
        raise PermissionDenied
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_applications(
            upload.name, upload.read(), dry_run=form.cleaned_data["dry_run"], user=request.user
        )
    return TemplateResponse(
        request,
        "applications/admin/import.html",
        {"form": form, "result": result, "columns": list(IMPORT_COLUMNS), "required": IMPORT_REQUIRED},
    )
