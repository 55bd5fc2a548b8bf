from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail import hooks

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
        response.set_cookie(
            ELDER_MODE_COOKIE,
            "1",
            max_age=ELDER_MODE_MAX_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(ELDER_MODE_COOKIE, samesite="Lax")
    return response


@never_cache
def healthz(request):
    """Load-balancer and container health check: each dependency reported, 503 when a required one is down.

    The JSON names every check; ``summary`` is "ok" or one "unavailable: <name>" per failed required
    check; ``notes`` carries lines apps add through the ``gongkai_health_lines`` hook (the search
    engine's cluster state), which inform without failing the check.
    """
    checks, healthy = run_checks()
    failed = [name for name, check in checks.items() if check["required"] and not check["ok"]]
    body = {
        "status": "ok" if healthy else "fail",
        "summary": "ok" if healthy else "; ".join(f"unavailable: {name}" for name in failed),
        "checks": checks,
        "notes": [line for report in hooks.get_hooks("gongkai_health_lines") if (line := report())],
    }
    response = JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
    if not healthy:
        response["Retry-After"] = str(getattr(settings, "GONGKAI_OUTAGE_RETRY_AFTER", 60))
    return response


def robots_txt(request):
    """Crawlers may read everything public; the admin and filtered exports are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
