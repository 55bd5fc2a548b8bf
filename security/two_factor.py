"""Who must use a second factor, which devices a user has, recovery codes (django-otp)."""

import functools
from base64 import b32encode

from django.conf import settings
from django.urls import reverse

import segno
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_DEVICE_NAME = "恢复码"
AUTHENTICATOR_DEVICE_NAME = "身份验证器"
RECOVERY_CODE_COUNT = 10


def is_required_for(user):
    """Superusers and members of GONGKAI_2FA_GROUPS must enrol when GONGKAI_REQUIRE_2FA is on."""
    if not settings.GONGKAI_REQUIRE_2FA:
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.GONGKAI_2FA_GROUPS).exists()


def has_device(user):
    return user_has_device(user, confirmed=True)


@functools.cache
def _exempt_paths():
    names = ["wagtailadmin_login", "wagtailadmin_logout", "security_2fa:setup", "security_2fa:verify"]
    return frozenset(reverse(name) for name in names)


def exempt_paths():
    """Admin paths a signed-in user reaches before the second factor (logging in and out, enrolling)."""
    return _exempt_paths()


def pending_authenticator(user):
    """The user's unconfirmed authenticator, created on first call; confirmed by a first valid code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_DEVICE_NAME, confirmed=False)
    return device


def qr_code_svg(device):
    """The enrolment QR code of an authenticator as inline SVG markup (no inline style, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, title="两步验证二维码", omitsize=False)


def secret_for_manual_entry(device):
    """The key in base32, in groups of four, for apps that cannot scan."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def confirm_authenticator(device):
    """Make this authenticator the user's only one; a fresh set of recovery codes comes with it."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


def new_recovery_codes(user):
    """Replace the user's recovery codes; each works once.  Returns them (they are shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verified_device(user, token):
    """The confirmed device (authenticator first, then recovery codes) that accepts the token, or None."""
    token = "".join((token or "").split()).lower()
    if not token or len(token) > 16:
        return None
    # Six digits are an authenticator's code, anything else a recovery code: a code tried
    # on the wrong kind of device would only set off that device's throttling.
    model = TOTPDevice if token.isdigit() and len(token) <= 8 else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None
