"""The site with many items, built once for the package, and the measured request.

Each test requests one public page through the test client, counts the queries of that
request and checks what a citizen sees, so that a broken page cannot pass by running none.
"""

from contextlib import ExitStack

from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

import pytest

from .site import MAX_QUERIES, build_site


@pytest.fixture(scope="package")
def many_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The site, built in a transaction that is rolled back after the package's last test.

    Each test runs in a savepoint inside it (pytest-django's ``db``), so the tests cannot see
    each other's writes (search logs, rate-limit counters).
    """
    media = tmp_path_factory.mktemp("query-count-media")
    with ExitStack() as stack:
        stack.enter_context(override_settings(MEDIA_ROOT=str(media)))
        stack.enter_context(django_db_blocker.unblock())
        stack.enter_context(transaction.atomic())
        cache.clear()
        yield build_site()
        transaction.set_rollback(True)
    # The cache holds the rolled-back site's root paths: later tests must not find them.
    cache.clear()


@pytest.fixture
def site(many_site, db):
    cache.clear()
    return many_site


@pytest.fixture
def measured_get(client, django_assert_max_num_queries):
    """GET a page, counting its queries, after one unmeasured request to another page (``warm``).

    The warming request does what any request does once per process or cache lifetime for
    every page: it puts the site's root paths in the cache (page URLs), writes the footer
    logo's rendition file and caches it, fills Django's content-type cache and the rows kept
    in the shared cache until an editor changes them (``core.cached``: the site identity,
    the filter forms' lists, and for the search page the column pages and the promotions),
    and for the search page the synonyms cache (300 s).  Nothing of the measured page itself
    is seen before it is measured.
    """

    def get(url, *, warm="/", limit=MAX_QUERIES, **params):
        client.get(warm)
        with django_assert_max_num_queries(limit):
            response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)
        return response.content.decode()

    return get
