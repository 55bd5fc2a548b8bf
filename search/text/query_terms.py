"""Query terms: a query as an AND of groups of alternatives, built from the same tokens as the index."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from core.text import normalise

from .segmenter import get_segmenter
from .synonym_rules import expand_query_synonyms
from .tokens import ALNUM, CHUNK, DIGIT, SCRIPT_RUN, bigrams, find_docnums, segment_for_index

# --------------------------------------------------------------------------
# Query side
# --------------------------------------------------------------------------

Alternative = tuple[str, ...]
Group = tuple[Alternative, ...]


@dataclass(frozen=True)
class QueryTerms:
    """A query as an AND of groups, each an OR of alternatives (AND of tokens).

    ``groups[i][j]`` is a tuple of tokens.  The first alternative of a group
    is the most specific one (a whole word, a compact number) and the one a
    backend should boost.
    """

    groups: tuple[Group, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def tokens(self) -> tuple[str, ...]:
        """Every distinct token used by the query, in order of appearance."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for alternative in group:
                seen.update(dict.fromkeys(alternative))
        return tuple(seen)

    def matches_tokens(self, tokens: Collection[str]) -> bool:
        """Apply the matching semantics to a document's index tokens."""
        if not self.groups:
            return False
        if not isinstance(tokens, (set, frozenset, Mapping)):
            tokens = set(tokens)
        return all(any(all(t in tokens for t in alt) for alt in group) for group in self.groups)

    def __str__(self) -> str:
        def alt(a: Alternative) -> str:
            return a[0] if len(a) == 1 else "(" + " AND ".join(a) + ")"

        def grp(g: Group) -> str:
            return alt(g[0]) if len(g) == 1 else "(" + " OR ".join(map(alt, g)) + ")"

        return " AND ".join(grp(g) for g in self.groups)


def _group(*alternatives: Alternative) -> Group:
    return tuple(dict.fromkeys(a for a in alternatives if a))


def _han_groups(run: str, cut: Callable[[str], list[str]]) -> list[Group]:
    if len(run) == 1:
        return [((run,),)]
    groups = []
    offset = 0
    for word in cut(run):
        if len(word) >= 2:
            groups.append(_group((word,), tuple(bigrams(word))))
        else:
            alternatives: list[Alternative] = [(word,)]
            if offset > 0:
                alternatives.append((run[offset - 1] + word,))
            if offset + 1 < len(run):
                alternatives.append((word + run[offset + 1],))
            groups.append(_group(*alternatives))
        offset += len(word)
    return groups


def _plain_query_groups(text: str, cut: Callable[[str], list[str]]) -> list[Group]:
    groups: list[Group] = []
    for match in SCRIPT_RUN.finditer(text):
        run = match[1]
        if run is not None:
            groups.extend(_han_groups(run, cut))
            continue
        for chunk in CHUNK.findall(match[0]):
            parts = ALNUM.findall(chunk)
            if len(parts) > 1 and DIGIT.search(chunk):
                groups.append(_group(("".join(parts),), tuple(parts)))
            else:
                groups.extend(((part,),) for part in parts)
    return groups


def segment_for_query(text: str) -> QueryTerms:
    """Turn a user query into ``QueryTerms`` (see the module docstring)."""
    text = normalise(text)
    if not text:
        return QueryTerms()
    cut = get_segmenter().cut
    groups: list[Group] = []
    position = 0
    for docnum in find_docnums(text):
        groups.extend(_plain_query_groups(text[position : docnum.start], cut))
        prefix, core = docnum.prefix, docnum.core
        compact = prefix + core if len(prefix) >= 2 else core
        year, num = docnum.year, docnum.num
        groups.append(_group((compact,), (year, str(int(num))), (year, num)))
        position = docnum.end
    groups.extend(_plain_query_groups(text[position:], cut))
    return QueryTerms(tuple(dict.fromkeys(groups)))


def matches(
    query: str,
    text: str,
    synonyms: Mapping[str, Collection[str]] | None = None,
) -> bool:
    """Whether ``text`` matches ``query`` under the documented semantics.

    With ``synonyms``, the query matches if any of its synonym variants
    (``expand_query_synonyms``) matches.  An empty query matches nothing.
    """
    tokens = set(segment_for_index(text))
    variants = expand_query_synonyms(query, synonyms) if synonyms else [query]
    return any(segment_for_query(v).matches_tokens(tokens) for v in variants)
