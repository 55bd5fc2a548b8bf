"""Public views of the security baseline: the server error page."""

import sys

from django.views.defaults import server_error as django_server_error

from security.outage import is_outage, outage_response


def server_error(request, template_name="500.html"):
    """handler500: an unreachable database gets the 503 outage page, anything else the 500 page."""
    if is_outage(sys.exc_info()[1]):
        return outage_response()
    return django_server_error(request, template_name=template_name)
