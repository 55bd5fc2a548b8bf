"""Response headers, session limits, two-factor enforcement and the database outage page."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from security import two_factor
from security.outage import is_outage, outage_response

logger = logging.getLogger(__name__)

LOGIN_AT = "security_login_at"
LAST_SEEN = "security_last_seen"
#: The last-seen time is rewritten at most this often (seconds), not on every request.
LAST_SEEN_RESOLUTION = 60


def is_admin_path(request):
    return request.path_info.startswith(settings.GONGKAI_ADMIN_URL_PREFIX)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second policy for the Wagtail admin, which still needs inline scripts and styles."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request):
            parts.config = default_config(settings.GONGKAI_ADMIN_CONTENT_SECURITY_POLICY)
        return parts


class PermissionsPolicyMiddleware:
    """The browser features no page of the site uses are switched off for every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.GONGKAI_PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.GONGKAI_PERMISSIONS_POLICY
        return response


class DatabaseOutageMiddleware:
    """A view that cannot reach the database answers 503 with Retry-After instead of a server error.

    Errors raised outside views (a session saved after the view) reach
    ``security.views.server_error``, which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_outage(exception):
            logger.error("Database unreachable while serving %s: %s", request.path, exception)
            return outage_response()
        return None


class SessionTimeoutMiddleware:
    """A signed-in session ends after GONGKAI_SESSION_IDLE_MINUTES idle and GONGKAI_SESSION_MAX_HOURS in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self.expired(request)
            if expired:
                logout(request)
                if is_admin_path(request):
                    messages.warning(request, expired)
                    login_url = reverse("wagtailadmin_login")
                    return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def expired(request):
        """Why the session is over ("" while it is still valid); refreshes the last-seen time."""
        session = request.session
        now = int(time.time())
        login_at = session.setdefault(LOGIN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        if now - last_seen > settings.GONGKAI_SESSION_IDLE_MINUTES * 60:
            return f"您已超过{settings.GONGKAI_SESSION_IDLE_MINUTES}分钟未操作，为保护账号安全已自动退出，请重新登录。"
        if now - login_at > settings.GONGKAI_SESSION_MAX_HOURS * 3600:
            return f"登录已超过{settings.GONGKAI_SESSION_MAX_HOURS}小时，为保护账号安全请重新登录。"
        if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        return ""


class TwoFactorMiddleware:
    """In the admin, a user with a second factor must verify it; one who must have one is sent to enrol."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and is_admin_path(request)
            and not user.is_verified()
            and request.path_info not in two_factor.exempt_paths()
        ):
            target = None
            if two_factor.has_device(user):
                target = reverse("security_2fa:verify")
            elif two_factor.is_required_for(user):
                target = reverse("security_2fa:setup")
            if target:
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
