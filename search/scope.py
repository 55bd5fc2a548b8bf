"""One search's shared work: what the queries behind a results page would otherwise repeat.

A results page runs the same text through the backend many times: the page of
results, the total, a count per type facet, a relaxed search and, under a type
filter, a second one for the facets; each starts from the same base querysets
and synonyms.  ``search.query.search`` runs inside ``search_scope()``, and code
on its path wraps what it would repeat in ``scoped(key, compute)``: the synonyms
in force, the synonym variants of a text, the entries matching it, each relaxed
term's entries, the base queryset of each type.

Nothing outlives the scope, so the next search sees any edit or index update.
Outside a scope ``scoped`` simply computes.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

_scope: ContextVar[dict | None] = ContextVar("search_scope", default=None)


@contextlib.contextmanager
def search_scope():
    """Share work between the queries of one search (nested scopes share the outer one)."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def in_search_scope() -> bool:
    return _scope.get() is not None


def scoped(key, compute):
    """``compute()``, computed once per ``key`` inside a search scope (every time outside one).

    The value is shared: callers must not change it.
    """
    store = _scope.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]
