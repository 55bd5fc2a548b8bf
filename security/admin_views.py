"""Admin views: enrol and verify the second factor, renew recovery codes, login records and locks."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

import django_otp

from security import two_factor
from security.forms import TokenForm

WRONG_TOKEN = _("验证码不正确或已过期，请重新输入。")


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _render(request, template, context, status=200):
    context = {"next": _next_url(request), **context}
    return TemplateResponse(request, template, context, status=status)


def setup(request):
    """Enrol an authenticator app: scan the QR code, type the first code, note the recovery codes."""
    user = request.user
    device = two_factor.pending_authenticator(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["token"].split())
        if device.verify_token(token):
            codes = two_factor.confirm_authenticator(device)
            django_otp.login(request, device)
            return _render(request, "security/recovery_codes.html", {"codes": codes, "enrolled": True})
        form.add_error("token", WRONG_TOKEN)
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_for_manual_entry(device),
        "required": two_factor.is_required_for(user),
        "already_enrolled": two_factor.has_device(user),
    }
    return _render(request, "security/setup.html", context, status=400 if form.errors else 200)


def verify(request):
    """The second step of the login: a code from the authenticator or a recovery code."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verified_device(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            if device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = device.token_set.count()
                messages.warning(request, f"您使用了一个恢复码，还剩{left}个。恢复码用完前请重新生成。")
            return redirect(_next_url(request))
        form.add_error("token", WRONG_TOKEN)
    return _render(request, "security/verify.html", {"form": form}, status=400 if form.errors else 200)


def recovery_codes(request):
    """Replace the recovery codes (the old ones stop working)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    codes = two_factor.new_recovery_codes(request.user)
    return _render(request, "security/recovery_codes.html", {"codes": codes, "enrolled": False})
