"""The search engine's state, for the health check and for the search page when it is down.

The embedded backends live in the database and have no state of their own; an Elasticsearch or
OpenSearch backend can be unreachable while the site itself is fine.  ``ENGINE_ERRORS`` are the
client exceptions that mean "the engine did not answer"; ``engine_health()`` asks the engine's
cluster health API.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from elastic_transport import TransportError as ElasticTransportError
from elasticsearch import ApiError as ElasticApiError
from opensearchpy.exceptions import TransportError as OpenSearchTransportError

#: What the search page says, with status 503, when the engine does not answer.
SEARCH_UNAVAILABLE_MESSAGE = _("搜索服务暂时不可用，请稍后再试。网站其他页面可以正常访问。")

#: Client errors of an engine that is down, unreachable or failing (not of a bad query of ours).
ENGINE_ERRORS: tuple[type[Exception], ...] = (ElasticTransportError, ElasticApiError, OpenSearchTransportError)

ENGINE_MODULES = (
    "search.backends.elasticsearch",
    "search.backends.elasticsearch9",
    "search.backends.opensearch2",
    "search.backends.opensearch3",
)

logger = logging.getLogger(__name__)


def uses_engine(alias: str = "default") -> bool:
    """Whether the search backend ``alias`` is Elasticsearch or OpenSearch."""
    backend = settings.WAGTAILSEARCH_BACKENDS.get(alias, {}).get("BACKEND", "")
    return backend in ENGINE_MODULES or backend.startswith(tuple(m + "." for m in ENGINE_MODULES))


def engine_health(alias: str = "default", timeout: float = 2.0) -> dict | None:
    """``None`` for an embedded backend, else the engine's state.

    ``{"ok": bool, "status": "green"|"yellow"|"red"|"unreachable", "nodes": int, "detail": str}``;
    ``ok`` is false only when the engine does not answer or is red (some data unsearchable).
    """
    if not uses_engine(alias):
        return None
    from wagtail.search.backends import get_search_backend

    try:
        backend = get_search_backend(alias)
        health = backend.es.cluster.health(params={"timeout": f"{int(timeout)}s"}, request_timeout=timeout)
    except Exception as exc:
        # Whatever the client raises (connection, timeout, TLS, auth), the engine counts as unreachable.
        logger.warning("Search engine health check failed", exc_info=True)
        return {"ok": False, "status": "unreachable", "nodes": 0, "detail": type(exc).__name__}
    status = health.get("status", "red")
    nodes = int(health.get("number_of_nodes", 0))
    unassigned = int(health.get("unassigned_shards", 0))
    return {
        "ok": status in ("green", "yellow"),
        "status": status,
        "nodes": nodes,
        "detail": f"{nodes} node(s), {unassigned} unassigned shard(s)",
    }


def health_line() -> str | None:
    """One line for /healthz/ (``search-engine: green, 3 node(s), 0 unassigned shard(s)``)."""
    health = engine_health()
    if health is None:
        return None
    return f"search-engine: {health['status']}, {health['detail']}"
