"""``update_index`` reads each model in primary-key ranges (no ever larger offsets)."""

from django.core.management import get_commands
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from disclosure.models import PolicyDocumentPage
from search.management.commands.update_index import Command

pytestmark = pytest.mark.django_db


def test_update_index_is_the_search_apps():
    assert get_commands()["update_index"] == "search"


def test_chunks_follow_the_primary_key(documents):
    queryset = PolicyDocumentPage.get_indexed_objects().order_by("pk")
    with CaptureQueriesContext(connection) as queries:
        chunks = list(Command().queryset_chunks(queryset, chunk_size=2))
    assert [[page.pk for page in chunk] for chunk in chunks] == [
        sorted(page.pk for page in documents.values())[:2],
        sorted(page.pk for page in documents.values())[2:],
    ]
    selects = [q["sql"] for q in queries.captured_queries if 'FROM "disclosure_policydocumentpage"' in q["sql"]]
    assert len(selects) == 3  # two chunks, then an empty one
    assert not any("OFFSET" in sql for sql in selects)
