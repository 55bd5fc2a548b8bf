from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from wagtail import hooks

from .context_processors import ELDER_MODE_COOKIE

ELDER_MODE_MAX_AGE = 365 * 24 * 3600


@require_http_methods(["GET", "POST"])
def elder_mode(request):
    """Switch the elder-friendly mode on or off; a plain link, so it works without JavaScript."""
    turn_on = request.POST.get("on", request.GET.get("on")) == "1"
    next_url = request.POST.get("next", request.GET.get("next")) or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if turn_on:
        response.set_cookie(ELDER_MODE_COOKIE, "1", max_age=ELDER_MODE_MAX_AGE, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(ELDER_MODE_COOKIE, samesite="Lax")
    return response


def healthz(request):
    """Load-balancer and container health check: the app answers and the database responds.

    Apps add report lines through the ``gongkai_health_lines`` hook (the search engine's state);
    they inform and never fail the check: the site serves pages while a search engine is down.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    lines = ["ok"] + [line for fn in hooks.get_hooks("gongkai_health_lines") if (line := fn())]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def robots_txt(request):
    """Crawlers may read everything public; the admin and filtered exports are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
