"""Admin report of what citizens search for and what finds nothing."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from search.models import QueryLog

PERIODS = {"7": 7, "30": 30, "90": 90, "365": 365}


def search_report(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    period = request.GET.get("days", "30")
    days = PERIODS.get(period, 30)
    context = {
        "days": days,
        "periods": PERIODS.values(),
        "top": QueryLog.popular(days=days, limit=50),
        "zero": QueryLog.popular(days=days, limit=50, zero_only=True),
    }
    return TemplateResponse(request, "search/admin/report.html", context)
