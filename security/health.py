"""The dependency checks behind /healthz/: each returns "" when the dependency works, else what failed.

GONGKAI_HEALTH_CHECKS lists them in order (dotted paths), so a check can be
added or replaced without touching the view.
"""

import uuid

from django.core.cache import cache
from django.db import connection

from wagtail.search.backends import get_search_backend


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            return "unexpected answer"
    return ""


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    return "" if found == "1" else "value written was not read back"


def check_search_engine():
    """An external engine (Elasticsearch) must answer a ping; the embedded one lives in the database."""
    backend = get_search_backend()
    client = getattr(backend, "es", None) or getattr(backend, "client", None)
    if client is None or not hasattr(client, "ping"):
        return ""
    return "" if client.ping() else "no answer"
