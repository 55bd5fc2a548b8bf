"""One application in the admin: its record, the office's steps on it, its files, and the register's import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wagtail.models import ModelLogEntry

from applications import forms as office_forms
from applications import handling
from applications import settings as rules
from applications.admin_views import (
    PERSONAL_DATA,
    applications_visible_to,
    calendar_warning,
    detail_url,
    is_office,
    may_approve,
    may_handle,
)
from applications.importing import COLUMNS as IMPORT_COLUMNS
from applications.importing import REQUIRED as IMPORT_REQUIRED
from applications.importing import import_applications
from applications.models import Application, Letter, State
from applications.models.choices import OPEN_STATES

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


def import_register(request):
    if not request.user.has_perm("applications.add_application"):
        raise PermissionDenied
    result = None
    form = office_forms.ImportForm(request.POST or None, request.FILES or None)
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
