"""Highlighting and snippets for search results (HTML-escaped, then marked)."""

from __future__ import annotations

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from search.text import expand_query_synonyms, get_segmenter, normalise

_HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ALNUM = re.compile(r"[0-9a-z]+")
_DOCNUM = re.compile(r"[〔(]\s*(\d{4})\s*[〕)]\s*第?\s*0*(\d{1,6})\s*号")


def highlight_terms(query: str, synonyms=None) -> list[str]:
    """Character sequences to mark for ``query``: its words, runs and synonyms."""
    terms: set[str] = set()
    for variant in expand_query_synonyms(query, synonyms, max_variants=8) or []:
        variant = normalise(variant)
        for run in _HAN_RUN.findall(variant):
            terms.add(run)
            words = get_segmenter().cut(run)
            terms.update(w for w in words if len(w) >= 2 or len(run) == 1)
        terms.update(t for t in _ALNUM.findall(variant) if len(t) >= 2 or t.isdigit())
    return sorted(terms, key=lambda t: (-len(t), t))


def _pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> str:
    """``text`` HTML-escaped with every term wrapped in ``<mark>``."""
    text = text or ""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    out = []
    position = 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(f"<mark>{escape(match[0])}</mark>")
        position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def contains_any(text: str, terms: list[str]) -> bool:
    pattern = _pattern(terms)
    return bool(pattern and pattern.search(text or ""))


def snippet(text: str, terms: list[str], length: int = 120) -> str:
    """A window of plain ``text`` around the first term, highlighted."""
    text = " ".join(strip_tags(text or "").split())
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    if match is None:
        piece = text[:length]
        return highlight(piece + ("…" if len(text) > length else ""), terms)
    start = max(0, match.start() - length // 3)
    piece = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + highlight(piece, terms) + suffix)
