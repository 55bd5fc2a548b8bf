from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from core.health import run_checks

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
    """Load-balancer and container health check: each dependency reported, 503 when a required one is down."""
    checks, healthy = run_checks()
    body = {"status": "ok" if healthy else "fail", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})


def robots_txt(request):
    """Crawlers may read everything public; the admin and filtered exports are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
