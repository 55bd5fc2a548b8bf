"""A fixed-window per-IP rate limit for the public search, atomic across app servers.

With Redis (REDIS_URL) the counter is a Redis key (SET NX, then INCR: one
atomic operation each).  Without it the counter is a row of core's counter
table (the one the comment and application forms use), incremented and read in one statement
(``core.counters``); a refused request is not counted.
"""

import secrets
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from core.counters import consume
from core.models import RateLimitCounter
from core.net import client_ip

WINDOW_SECONDS = 60


def allow(request, scope: str = "search", multiplier: int = 1) -> bool:
    """Count this request; False once the IP exceeded the per-minute limit."""
    limit = int(getattr(settings, "GONGKAI_SEARCH_RATE_LIMIT", 60)) * multiplier
    if limit <= 0:
        return True
    window = int(time.time() // WINDOW_SECONDS)
    key = f"search:rl:{scope}:{client_ip(request)}"
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        window_start = datetime.fromtimestamp(window * WINDOW_SECONDS, tz=UTC)
        allowed = not consume(RateLimitCounter, [key], window_start, limit)
        if secrets.randbelow(100) == 0:  # now and then, forget windows older than a day
            RateLimitCounter.objects.filter(
                key__startswith="search:rl:", window_start__lt=window_start - timedelta(days=1)
            ).delete()
        return allowed
    key = f"{key}:{window}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS + 10):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=WINDOW_SECONDS + 10)
        return True
    return count <= limit
