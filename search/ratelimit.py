"""A fixed-window per-IP rate limit kept in the Django cache."""

import time

from django.conf import settings
from django.core.cache import cache

from core.net import client_ip


def allow(request, scope: str = "search", multiplier: int = 1) -> bool:
    """Count this request; False once the IP exceeded the per-minute limit."""
    limit = int(getattr(settings, "GONGKAI_SEARCH_RATE_LIMIT", 60)) * multiplier
    if limit <= 0:
        return True
    window = int(time.time() // 60)
    key = f"search:rl:{scope}:{client_ip(request)}:{window}"
    if cache.add(key, 1, timeout=70):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=70)
        return True
    return count <= limit
