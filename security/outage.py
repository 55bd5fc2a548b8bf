"""The page a visitor gets while the database cannot be reached: 503, Retry-After, no database needed."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(exception):
    """Whether the exception, or one it was raised from, says the database cannot be reached."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, OUTAGE_ERRORS):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def outage_response():
    # Rendered without a request: no context processor may reach for the database.
    content = loader.get_template("503.html").render({"retry_after": settings.GONGKAI_OUTAGE_RETRY_AFTER})
    response = HttpResponse(content, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.GONGKAI_OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
