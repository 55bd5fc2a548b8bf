"""Login lockout on top of django-axes: the failure window, the lockout time and the Chinese refusal.

django-axes forgets failures older than its cool-off time and refuses logins
for as long as that time lasts.  ``cool_off`` makes those two spans differ:
failures count within ``GONGKAI_LOGIN_FAILURE_WINDOW_MINUTES`` of the latest
one, and once the limit is reached the account or address stays locked for
``GONGKAI_LOGIN_LOCKOUT_MINUTES``.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone

from axes.models import AccessAttempt

from core.net import client_ip


def failure_window():
    return timedelta(minutes=settings.GONGKAI_LOGIN_FAILURE_WINDOW_MINUTES)


def lockout_time():
    return timedelta(minutes=settings.GONGKAI_LOGIN_LOCKOUT_MINUTES)


def locked_attempts(username="", ip=""):
    """The attempt records that keep this account or address locked now."""
    since = timezone.now() - lockout_time()
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    locked = AccessAttempt.objects.none()
    for field, value in (("username", username), ("ip_address", ip)):
        if not value:
            continue
        rows = recent.filter(**{field: value})
        if (rows.aggregate(total=Sum("failures_since_start"))["total"] or 0) >= settings.AXES_FAILURE_LIMIT:
            locked = locked | rows
    return locked


def cool_off(request=None):
    """django-axes' cool-off: the lockout time for a locked client, the failure window otherwise."""
    if request is None:
        return lockout_time()
    username = request.POST.get("username", "") if request.method == "POST" else ""
    if locked_attempts(username, client_ip(request)).exists():
        return lockout_time()
    return failure_window()


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    """The refusal shown instead of the login form while the account or address is locked."""
    minutes = settings.GONGKAI_LOGIN_LOCKOUT_MINUTES
    return render(
        request,
        "security/lockout.html",
        {"minutes": minutes, "failures": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def is_locking(attempt):
    """Whether this attempt record is part of a lock in force now."""
    return locked_attempts(attempt.username, attempt.ip_address).filter(pk=attempt.pk).exists()
