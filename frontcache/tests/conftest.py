from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """Wagtail keeps the site root paths in the cache; each test makes its own site."""
    cache.clear()
    yield
    cache.clear()
