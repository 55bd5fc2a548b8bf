"""Which responses a shared cache (Varnish) may keep, and for how long.

Public pages are the same for every citizen except for the elder-friendly mode, which
is chosen by a cookie: they get ``Cache-Control: public`` with ``Vary: Cookie``, and the
Varnish configuration (docker/varnish/default.vcl) reduces the Cookie header to that one
cookie, so each page is kept at most twice. Everything that depends on who asks stays
``private, no-store``: the admin and previews, signed-in users, any response that sets a
cookie or carries a CSRF token (the comment form, the status look-up, the application
form), non-GET requests, errors and redirects other than permanent ones, and the search
page (per-address rate limit and the search-terms statistics count every query).

The front cache is purged when pages change (frontcache/purge.py), so the shared
lifetime can be long; the browser lifetime is short because a browser cannot be purged.
"""

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_vary_headers

PRIVATE = "private, no-store"
#: Paths never kept by a shared cache, whatever the response says.
PRIVATE_PREFIXES = ("/admin/", "/search/", "/healthz/", "/elder-mode/")
CACHEABLE_STATUS = {200, 301, 308}
#: Not-found pages are kept briefly: a page published later is purged, a mistyped URL need not stay long.
MISSING_STATUS = {404, 410}
MISSING_MAX_AGE = 60


def _user_is_signed_in(request):
    # Only look if something already loaded the user: touching request.user would read the session.
    user = getattr(request, "_cached_user", None)
    return bool(user is not None and user.is_authenticated)


def _session_has_data(request):
    session = getattr(request, "session", None)
    return bool(session is not None and session.accessed and not session.is_empty())


def is_personal(request, response):
    """True when the response must not be shared between visitors."""
    if request.method not in ("GET", "HEAD"):
        return True
    if request.path_info.startswith(PRIVATE_PREFIXES) or getattr(request, "is_preview", False):
        return True
    if response.status_code not in CACHEABLE_STATUS | MISSING_STATUS:
        return True
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    if _user_is_signed_in(request) or _session_has_data(request):
        return True
    existing = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return bool(existing & {"private", "no-store", "no-cache"})


def cache_control(request, response):
    """The Cache-Control value for this response."""
    if is_personal(request, response):
        return PRIVATE
    if response.status_code in MISSING_STATUS:
        shared = min(MISSING_MAX_AGE, settings.GONGKAI_CACHE_SHARED_MAX_AGE)
        return f"public, max-age={min(MISSING_MAX_AGE, settings.GONGKAI_CACHE_MAX_AGE)}, s-maxage={shared}"
    return f"public, max-age={settings.GONGKAI_CACHE_MAX_AGE}, s-maxage={settings.GONGKAI_CACHE_SHARED_MAX_AGE}"


def _drop_vary(response, header):
    if not response.has_header("Vary"):
        return
    kept = [value for value in cc_delim_re.split(response["Vary"]) if value and value.lower() != header.lower()]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class CachePolicyMiddleware:
    """Sets Cache-Control (and Vary) on every response; first in MIDDLEWARE so it sees the final response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = cache_control(request, response)
        response["Cache-Control"] = value
        if value == PRIVATE:
            return response
        # The elder-mode cookie changes the page; the language does not while the site has one.
        patch_vary_headers(response, ("Cookie",))
        if len(settings.LANGUAGES) == 1:
            _drop_vary(response, "Accept-Language")
        return response
