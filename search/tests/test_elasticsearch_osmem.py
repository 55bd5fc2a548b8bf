"""Elasticsearch backend, tier 2: protocol tests against osmem-server (cjk profile).

osmem-server is an in-memory OpenSearch-compatible server (PyPI wheel
``osmem-server``; its pytest plugin provides ``osmem_clone``, a fresh
cluster per test).  These tests assert result sets, never scores.
"""

import io

from django.core.management import call_command

import pytest

from disclosure.models import PolicyDocumentPage
from search.tests.es_shim import OsmemNode

pytestmark = pytest.mark.django_db


@pytest.fixture
def es(osmem_clone, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "es": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [osmem_clone.url],
            "INDEX_PREFIX": "test_",
            "ANALYZER_PROFILE": "cjk",
            "OPTIONS": {"node_class": OsmemNode},
        },
    }
    from wagtail.search.backends import get_search_backend

    return get_search_backend("es")


def rebuild():
    call_command("update_index", backend_name="es", stdout=io.StringIO())


def search(q, **kwargs):
    return {p.title for p in PolicyDocumentPage.objects.live().search(q, backend="es", **kwargs)}


def test_create_bulk_index_and_search(es, documents):
    rebuild()
    assert search("信息公开") == {"示例市2024年政府信息公开工作要点"}
    assert search("公积金提取") == {"示例市住房公积金提取管理暂行规定"}
    assert search("气象灾害预警") == set()


def test_count_and_filters(es, documents, organisations):
    rebuild()
    assert PolicyDocumentPage.objects.live().search("示例市", backend="es").count() == 3
    qs = PolicyDocumentPage.objects.live().filter(organisation=organisations["civil"])
    assert {p.title for p in qs.search("示例市", backend="es")} == {"示例市城乡居民最低生活保障实施办法"}


def test_facets(es, documents):
    rebuild()
    facets = PolicyDocumentPage.objects.live().search("示例市", backend="es").facet("validity")
    assert dict(facets) == {"valid": 2, "repealed": 1}


def test_synonym_and_document_number(es, documents):
    rebuild()
    assert search("低保") == {"示例市城乡居民最低生活保障实施办法"}
    results = list(PolicyDocumentPage.objects.live().search("示政办发[2024]3号", backend="es"))
    assert results[0].title == "示例市2024年政府信息公开工作要点"


def test_atomic_rebuild_swaps_alias(es, documents):
    rebuild()
    index = es.get_index_for_model(PolicyDocumentPage)
    assert index.is_alias()
    first = {i.name for i in index.aliased_indices()}
    rebuild()
    second = {i.name for i in index.aliased_indices()}
    assert len(first) == len(second) == 1 and first != second
    assert not es.es.indices.exists(index=next(iter(first)))
    assert search("信息公开") == {"示例市2024年政府信息公开工作要点"}
