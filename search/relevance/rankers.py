"""The rankings the judged set is scored on: the site search (any backend) and a backend alone."""

from __future__ import annotations

from disclosure.models import PolicyDocumentPage
from search.query import SearchParams, exact_lookup, search
from search.text.analysis import has_searchable_text
from search.vocabulary import corrections

DEPTH = 50


def site_ranker(key_of: dict[int, str], backend: str = "default"):
    """What a citizen gets from the search page (documents only): analysis, relaxed search, corrections, 文号 first."""

    def rank(query: str) -> list[str]:
        outcome = search(SearchParams(query=query, type="policy", backend=backend), corrections=corrections)
        ranked = [key_of[page.pk] for page in list(outcome.results[:DEPTH]) if page.pk in key_of]
        pinned = exact_lookup(query)
        if pinned is not None and pinned.pk in key_of:
            first = key_of[pinned.pk]
            ranked = [first] + [key for key in ranked if key != first]
        return ranked

    return rank


def backend_ranker(key_of: dict[int, str], backend: str = "default"):
    """The backend alone, given the query as typed."""

    def rank(query: str) -> list[str]:
        if not has_searchable_text(query):
            # Nothing searchable: the raw PostgreSQL backend answers an empty tsquery with an error.
            return []
        results = PolicyDocumentPage.objects.live().search(query, backend=backend)[:DEPTH]
        return [key_of[page.pk] for page in results if page.pk in key_of]

    return rank
