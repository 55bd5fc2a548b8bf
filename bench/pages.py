"""The pages a citizen waits for, timed whole: ``/search/`` and the catalogue, through Django's handler.

Each request goes through every middleware, the view, the search (results, total count, facets,
the query log) and the template, as under gunicorn; only the socket is missing. Each search
request comes from its own client address, as many citizens' requests do, so the per-address
rate limit counts every request without refusing any. ``bench.search`` calls these functions on
the catalogue it generated, once per backend (the search page) and once per size (the catalogue).
"""

from __future__ import annotations

import itertools
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from bench.common import percentile
from disclosure.models import Organisation
from search.query import SearchParams
from search.query import search as site_search
from search.vocabulary import corrections

_addresses = (f"10.{a}.{b}.{c}" for a, b, c in itertools.product(range(1, 250), range(256), range(1, 255)))


def _get(handler, path: str, query: dict) -> tuple[float, int, bytes]:
    """One GET through the whole Django stack; (milliseconds, status, body)."""
    environ = RequestFactory()._base_environ(
        PATH_INFO=path, QUERY_STRING=urlencode(query), REQUEST_METHOD="GET", REMOTE_ADDR=next(_addresses)
    )
    status = []
    start = time.perf_counter()
    body = b"".join(handler(environ, lambda s, headers, exc_info=None: status.append(int(s.split()[0]))))
    return (time.perf_counter() - start) * 1000, status[0], body


def site_hits(query: str) -> int:
    """The total the results page shows for ``query`` (the site search's own count)."""
    return site_search(SearchParams(query=query), corrections=corrections).count


def time_search_page(queries: list[str], backend: str, repeat: int, budget: float) -> dict:
    """Time ``/search/?q=`` for each query, with ``backend`` serving the site's search."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {**backends, "default": backends[backend]}
    handler = WSGIHandler()
    try:
        _get(handler, "/search/", {"q": "公开"})  # warm-up: segmenter dictionary, templates
        per_query = {q: {"hits": site_hits(q), "ms": []} for q in queries}
        deadline = time.perf_counter() + budget
        partial = False
        for _ in range(repeat):
            for q in queries:
                ms, status, _body = _get(handler, "/search/", {"q": q})
                if status != 200:
                    raise RuntimeError(f"/search/?q={q} answered {status}")
                per_query[q]["ms"].append(ms)
            if time.perf_counter() > deadline:
                partial = True
                break
    finally:
        settings.WAGTAILSEARCH_BACKENDS = backends
    return {"queries": per_query, "all": [ms for entry in per_query.values() for ms in entry["ms"]], "partial": partial}


def catalogue_cases(catalogue) -> list[tuple[str, dict]]:
    """The catalogue as citizens open it: unfiltered, one filter, two filters, a deep page."""
    organisation = Organisation.objects.order_by("pk").first()
    return [
        ("no filter", {}),
        ("one filter (发布机构)", {"organisation": organisation.pk}),
        ("two filters (发布机构 + 年份)", {"organisation": organisation.pk, "year": 2020}),
        ("page 500", {"page": 500}),
    ]


def time_catalogue(catalogue, repeat: int = 15) -> list[tuple[str, int, list[float]]]:
    """Time the catalogue page for each case; (label, documents listed, milliseconds)."""
    handler = WSGIHandler()
    path = catalogue.url_path[len(catalogue.get_site().root_page.url_path) - 1 :]
    _get(handler, path, {})
    rows = []
    for label, query in catalogue_cases(catalogue):
        form = catalogue.get_filter_form(RequestFactory().get(path, query))
        listed = catalogue.filtered_items(None, form).count()
        timings = []
        for _ in range(repeat):
            ms, status, _body = _get(handler, path, query)
            if status != 200:
                raise RuntimeError(f"{path}?{urlencode(query)} answered {status}")
            timings.append(ms)
        rows.append((label, listed, timings))
    return rows


def summary(values: list[float]) -> str:
    return f"p50 {percentile(values, 50):7.1f} ms  p95 {percentile(values, 95):7.1f} ms"
