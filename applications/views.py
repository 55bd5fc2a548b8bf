"""The public side: the application form, its receipt, the status lookup and the letters' download."""

from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from applications import handling
from applications import settings as rules
from applications.forms import ApplicationForm, StatusLookupForm
from applications.models import Application, Letter
from core import guards
from core.contact import contact_key, contact_matches
from core.net import client_ip
from disclosure.models import Organisation

RECEIPT_SESSION_KEY = "application_receipts"
VERIFIED_SESSION_KEY = "application_verified"
NOT_FOUND = "未找到与该申请编号和联系方式相符的申请，请核对后重新输入。"


def _render(request, template, context, status=200):
    return TemplateResponse(request, template, context, status=status)


def _form_context(form, **extra):
    return {"form": form, "reply_days": rules.reply_days(), **extra}


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    template = "applications/apply.html"
    if request.method != "POST":
        initial = {}
        addressed = request.GET.get("to", "")
        if addressed.isdigit() and Organisation.objects.filter(pk=addressed).exists():
            initial["organisation"] = addressed
        return _render(request, template, _form_context(ApplicationForm(initial=initial)))

    limit = rules.rate_limit()
    ip = client_ip(request)
    ip_key = f"application-ip:{ip}"
    if guards.rate_limited([ip_key], limit):
        refusal = f"提交过于频繁：同一网络每小时最多提交{limit}份申请，请稍后再试。"
        return _render(request, template, _form_context(ApplicationForm(), refusal=refusal), status=429)

    form = ApplicationForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, template, _form_context(form), status=400)
    key = contact_key(form.cleaned_data.get("phone"), form.cleaned_data.get("email"))
    # The early check above is only a cheap refusal; this one decides, atomically (the comment form's rule).
    over = guards.take([ip_key, guards.contact_counter_key(key, scope="application")], limit)
    if over:
        refusal = (
            f"提交过于频繁：同一网络每小时最多提交{limit}份申请，请稍后再试。"
            if ip_key in over
            else f"提交过于频繁：同一联系方式每小时最多提交{limit}份申请，请稍后再试。"
        )
        return _render(request, template, _form_context(form, refusal=refusal), status=429)

    with transaction.atomic():
        application = form.save(commit=False)
        application.contact_key = key
        application.ip_address = ip
        upload = form.cleaned_data.get("id_document")
        if upload:
            application.id_document_type = form.id_document_type
            application.id_document.save(upload.name, upload, save=False)
        handling.register(application)
    receipts = request.session.get(RECEIPT_SESSION_KEY, [])
    request.session[RECEIPT_SESSION_KEY] = [*receipts[-9:], application.number]
    return redirect("applications:receipt", number=application.number)


@never_cache
def receipt(request, number):
    # Only the browser that submitted the application sees its receipt.
    if number not in request.session.get(RECEIPT_SESSION_KEY, []):
        return redirect("applications:status")
    application = get_object_or_404(Application.objects.select_related("organisation"), number=number)
    return _render(request, "applications/receipt.html", {"application": application})


@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    template = "applications/status.html"
    if request.method != "POST":
        return _render(request, template, {"lookup_form": StatusLookupForm()})
    form = StatusLookupForm(request.POST)
    context = {"lookup_form": form}
    limit = guards.lookup_rate_limit()
    ip_key = f"application-lookup-ip:{client_ip(request)}"
    if guards.rate_limited([ip_key], limit):
        context["lookup_error"] = "查询过于频繁，请一小时后再试。"
        return _render(request, template, context, status=429)
    if not form.is_valid():
        return _render(request, template, context, status=400)
    if guards.take([ip_key], limit):
        context["lookup_error"] = "查询过于频繁，请一小时后再试。"
        return _render(request, template, context, status=429)
    application = Application.objects.select_related("organisation").filter(number=form.cleaned_data["number"]).first()
    # A wrong number and a wrong contact get the same answer, so neither can be probed.
    if application is None or not contact_matches(application, form.cleaned_data["contact"]):
        context["lookup_error"] = NOT_FOUND
        return _render(request, template, context, status=404)
    verified = request.session.get(VERIFIED_SESSION_KEY, [])
    request.session[VERIFIED_SESSION_KEY] = [*verified[-9:], application.pk]
    context["application"] = application
    context["steps"] = application.steps.select_related("letter")
    return _render(request, template, context)


@never_cache
def letter(request, pk):
    """A letter to the applicant, for the browser that looked the application up with the right contact."""
    item = get_object_or_404(Letter.objects.select_related("application"), pk=pk)
    if item.application_id not in request.session.get(VERIFIED_SESSION_KEY, []):
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=item.filename, content_type="application/pdf")


def form_url(organisation=None):
    """The address of the form, addressed to ``organisation`` when given (used by the guide)."""
    url = reverse("applications:apply")
    return f"{url}?to={organisation.pk}" if organisation is not None else url
