"""Public views of the security baseline: the health check and the server error page."""

import logging
import sys

from django.conf import settings
from django.http import HttpResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as django_server_error

from wagtail import hooks

from security.outage import is_outage, outage_response

logger = logging.getLogger(__name__)


def _check_name(path):
    return path.rsplit(".", 1)[-1].removeprefix("check_").replace("_", " ")


@never_cache
def healthz(request):
    """ "ok" when every dependency answers; 503 naming each one that failed (database, cache, search engine).

    The reasons go to the log only: the check is public and must not describe the servers behind it.
    """
    failed = []
    for path in settings.GONGKAI_HEALTH_CHECKS:
        try:
            problem = import_string(path)()
        except Exception as exc:
            # A health check reports every failure, whatever it is; the traceback goes to the log.
            logger.exception("Health check %s raised", path)
            problem = f"{type(exc).__name__}: {exc}"
        if problem:
            logger.error("Health check %s failed: %s", path, problem)
            failed.append(_check_name(path))
    if not failed:
        # Apps add lines that inform without failing the check (the search engine's cluster state).
        lines = ["ok"] + [line for report in hooks.get_hooks("gongkai_health_lines") if (line := report())]
        return HttpResponse("\n".join(lines), content_type="text/plain")
    lines = [f"unavailable: {name}" for name in failed]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain", status=503)
    response["Retry-After"] = str(settings.GONGKAI_OUTAGE_RETRY_AFTER)
    return response


def server_error(request, template_name="500.html"):
    """handler500: an unreachable database gets the 503 outage page, anything else the 500 page."""
    if is_outage(sys.exc_info()[1]):
        return outage_response()
    return django_server_error(request, template_name=template_name)
