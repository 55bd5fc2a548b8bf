"""Synonym rules (Solr format): reading, merging, and expanding a query with them."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Collection, Iterable, Mapping
from os import PathLike
from pathlib import Path

from core.text import normalise

from .segmenter import DEFAULT_SYNONYMS_PATH, read_entries

# --------------------------------------------------------------------------
# Synonyms
# --------------------------------------------------------------------------

SynonymMap = dict[str, set[str]]


def read_synonym_rules(path: str | PathLike[str]) -> list[str]:
    """Rules of a Solr-format synonym file (blank and ``#`` lines skipped).

    The same list is given inline to Elasticsearch's ``synonym_graph`` filter.
    """
    return list(read_entries(Path(path)))


def parse_synonym_rules(rules: Iterable[str | Iterable[str]]) -> SynonymMap:
    """Parse Solr-format rules into ``{term: {equivalent, ...}}``.

    A rule is either a string (``"低保, 最低生活保障"``: equivalents, every term
    maps to all the others; ``"a, b => c"``: ``a`` and ``b`` map to ``c``) or
    an iterable of terms (equivalents), e.g. a pair coming from the database.
    Terms are normalised.  Rules sharing a term are merged, without
    transitive closure (as in Elasticsearch).
    """
    synonyms: SynonymMap = {}

    def add(sources: Iterable[str], targets: list[str]) -> None:
        for source in sources:
            others = {t for t in targets if t != source}
            if others:
                synonyms.setdefault(source, set()).update(others)

    for rule in rules:
        if isinstance(rule, str):
            rule = rule.strip()
            if not rule or rule.startswith("#"):
                continue
            if "=>" in rule:
                left, right = rule.split("=>", 1)
                add(_split_terms(left), _split_terms(right))
                continue
            terms = _split_terms(rule)
        else:
            terms = [t for t in (normalise(x) for x in rule) if t]
        add(terms, terms)
    return synonyms


def _split_terms(text: str) -> list[str]:
    return [t for t in (normalise(x) for x in text.split(",")) if t]


def merge_synonyms(*maps: Mapping[str, Collection[str]]) -> SynonymMap:
    """Union of synonym maps (e.g. the file plus admin-edited entries)."""
    merged: SynonymMap = {}
    for mapping in maps:
        for term, equivalents in mapping.items():
            merged.setdefault(term, set()).update(equivalents)
    return merged


def load_synonyms(
    path: str | PathLike[str] = DEFAULT_SYNONYMS_PATH,
    extra: Iterable[str | Iterable[str]] = (),
) -> SynonymMap:
    """Load a Solr-format synonym file, plus ``extra`` rules or term pairs."""
    return parse_synonym_rules(itertools.chain(read_synonym_rules(path), extra))


_default_synonyms: SynonymMap | None = None


def default_synonyms() -> SynonymMap:
    """The synonyms of ``dictionaries/synonyms.txt`` (loaded once)."""
    global _default_synonyms
    if _default_synonyms is None:
        _default_synonyms = load_synonyms(DEFAULT_SYNONYMS_PATH)
    return _default_synonyms


@functools.lru_cache(maxsize=8)
def _terms_pattern(terms: frozenset[str]) -> re.Pattern:
    """Any of ``terms``, longest first; one per set of terms in force (the alternation takes milliseconds to build)."""
    return re.compile("|".join(map(re.escape, sorted(terms, key=lambda k: (-len(k), k)))))


def expand_query_synonyms(
    text: str,
    synonyms: Mapping[str, Collection[str]] | None = None,
    extra: Iterable[str | Iterable[str]] = (),
    *,
    max_variants: int = 16,
) -> list[str]:
    """Variants of a query with synonyms substituted.

    The normalised query comes first.  Occurrences of synonym terms are found
    left to right, longest term first, without overlap; every combination of
    "keep the term" / "replace it by one equivalent" (equivalents in sorted
    order) follows, up to ``max_variants`` variants in all.  ``synonyms``
    defaults to ``default_synonyms()``; ``extra`` rules or pairs (e.g. from
    the database) are merged in.  A backend ORs the ``segment_for_query`` of
    each variant.
    """
    text = normalise(text)
    if synonyms is None:
        synonyms = default_synonyms()
    if extra:
        synonyms = merge_synonyms(synonyms, parse_synonym_rules(extra))
    if not text or not synonyms:
        return [text] if text else []
    pattern = _terms_pattern(frozenset(synonyms))
    pieces: list[str] = []
    choices: list[list[str]] = []
    position = 0
    for match in pattern.finditer(text):
        term = match[0]
        pieces.append(text[position : match.start()])
        choices.append([term, *sorted(synonyms[term])])
        position = match.end()
    if not choices:
        return [text]
    tail = text[position:]
    variants: list[str] = []
    for combination in itertools.product(*choices):
        variant = "".join(p + c for p, c in zip(pieces, combination)) + tail
        if variant not in variants:
            variants.append(variant)
            if len(variants) >= max_variants:
                break
    return variants
