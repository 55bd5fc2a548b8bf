"""Health of the app's dependencies, each checked by its own function.

``/healthz/`` (home.views.healthz) runs every check and answers 503 when a required one
fails; load balancers and the container HEALTHCHECK read the status, operators read the
JSON body, which names each dependency and what went wrong. Which checks are required is
``GONGKAI_HEALTH_REQUIRED`` (default: database, cache, search). The task worker is only
reported by default: a stopped worker delays e-mails and scheduled publishing but must not
take the web servers out of the load balancer.
"""

import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from modelsearch.backends import get_search_backend
from wagtail.models import Page

from django_tasks_db.models import DBTaskResult

#: Cache key the scheduler (manage.py run_scheduler) refreshes after each round.
SCHEDULER_HEARTBEAT_KEY = "gongkai:scheduler:heartbeat"
#: A task waiting longer than this means no worker is taking tasks.
STALE_TASK_AFTER = timedelta(minutes=5)
#: The scheduler runs every minute; three missed rounds mean it has stopped.
SCHEDULER_SILENT_AFTER = 180


class CheckFailed(Exception):
    """A dependency answered wrongly; the message says how (in plain words, for the operator)."""


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise CheckFailed("SELECT 1 returned something else")
    return connection.vendor


def check_cache():
    # A key of its own: concurrent health checks (several servers, one Redis) must not
    # read each other's value.
    key = f"gongkai:healthz:probe:{uuid.uuid4().hex}"
    value = str(time.monotonic_ns())
    cache.set(key, value, 30)
    read = cache.get(key)
    cache.delete(key)
    if read != value:
        raise CheckFailed("a value written to the cache could not be read back")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_search():
    backend = get_search_backend()
    # A real query through the configured backend (Elasticsearch answers over HTTP).
    list(backend.search("健康检查", Page)[:1])
    return type(backend).__name__


def check_worker():
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return "tasks run in the web process (" + backend.rsplit(".", 1)[-1] + ")"
    oldest = (
        DBTaskResult.objects.filter(status="READY", run_after__lte=timezone.now())
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    if oldest is not None and timezone.now() - oldest > STALE_TASK_AFTER:
        raise CheckFailed(f"a task has been waiting since {oldest.isoformat()}: no worker is running")
    heartbeat = cache.get(SCHEDULER_HEARTBEAT_KEY)
    if heartbeat is None:
        raise CheckFailed("the scheduler (manage.py run_scheduler) has not reported")
    silent = time.time() - heartbeat
    if silent > SCHEDULER_SILENT_AFTER:
        raise CheckFailed(f"the scheduler has been silent for {int(silent)} s")
    return f"queue moving, scheduler ran {int(silent)} s ago"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "worker": check_worker,
}


def run_checks():
    """{name: {"ok", "required", "detail"}} and whether every required check passed."""
    required = set(settings.GONGKAI_HEALTH_REQUIRED)
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            detail, ok = check(), True
        except Exception as exc:  # noqa: BLE001 - any failure of a dependency is its report
            detail, ok = f"{type(exc).__name__}: {exc}"[:300], False
            if name == "database":
                # The failed connection must not be reused by the next check or request.
                connection.close_if_unusable_or_obsolete()
        results[name] = {"ok": ok, "required": name in required, "detail": detail}
        healthy = healthy and (ok or name not in required)
    return results, healthy
