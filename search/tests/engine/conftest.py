"""The real-engine tier: tests against a real OpenSearch node (``make test-opensearch``).

``OPENSEARCH_URL`` names the node that ``search/engine/opensearch.sh test`` started.  Without
it these tests are not collected at all (``make test`` says so in one line), so a missing
engine is never counted as a pass or a skip.
"""

import io
import os
import uuid

from django.core.management import call_command

import pytest

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
if not OPENSEARCH_URL:
    collect_ignore_glob = ["test_*.py"]

#: Every index of this run starts with it; the session removes them at the end.
RUN_PREFIX = f"tier{uuid.uuid4().hex[:6]}_"
#: The profiles the Maven-Central node can load (analysis-ik is not published there).
NODE_PROFILES = ("icu", "smartcn", "cjk")


def pytest_report_header(config):
    if OPENSEARCH_URL:
        return f"real-engine tier: OpenSearch at {OPENSEARCH_URL}, indices {RUN_PREFIX}*"
    return "real-engine tier (search/tests/engine): not collected, OPENSEARCH_URL is unset"


def engine_settings(url, profile, backend="search.backends.opensearch2", prefix=None):
    return {
        "BACKEND": backend,
        "URLS": [url],
        "INDEX_PREFIX": prefix or f"{RUN_PREFIX}{profile}_",
        "ANALYZER_PROFILE": profile,
        "TIMEOUT": 60,
    }


@pytest.fixture(scope="session")
def opensearch_url():
    return OPENSEARCH_URL


@pytest.fixture(scope="session", autouse=True)
def _remove_tier_indices():
    yield
    if OPENSEARCH_URL:
        from opensearchpy import OpenSearch

        OpenSearch([OPENSEARCH_URL]).indices.delete(index=f"{RUN_PREFIX}*", ignore_unavailable=True)


class Engine:
    """The site's default search backend pointed at the node, with the helpers the tests need."""

    def __init__(self, backend, prefix):
        self.backend = backend
        self.prefix = prefix
        self.client = backend.es

    def rebuild(self):
        call_command("update_index", backend_name="default", stdout=io.StringIO())
        self.refresh()

    def refresh(self):
        self.client.indices.refresh(index=f"{self.prefix}*")

    def page_index(self):
        from wagtail.models import Page

        return self.backend.get_index_for_model(Page)

    def analyze(self, analyzer, text):
        body = {"analyzer": analyzer, "text": text}
        return [t["token"] for t in self.client.indices.analyze(index=self.page_index().name, body=body)["tokens"]]

    def drop(self):
        self.client.indices.delete(index=f"{self.prefix}*", ignore_unavailable=True)


@pytest.fixture(params=["smartcn"])
def engine(request, settings, db):
    """The node as the site's only search backend, for the profile ``request.param``."""
    from wagtail.search.backends import get_search_backend

    profile = request.param
    prefix = f"{RUN_PREFIX}{profile}_{uuid.uuid4().hex[:4]}_"
    settings.WAGTAILSEARCH_BACKENDS = {"default": engine_settings(OPENSEARCH_URL, profile, prefix=prefix)}
    engine = Engine(get_search_backend("default"), prefix)
    engine.rebuild()
    yield engine
    engine.drop()
