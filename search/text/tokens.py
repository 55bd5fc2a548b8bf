"""Index tokens: what a text becomes in a full-text column (bigrams, segmenter words, compact numbers)."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

from core.text import normalise

from .segmenter import HAN, HAN_RUN, get_segmenter

#: Longest 机关代字 suffix kept in a compact 文号 token.
MAX_DOCNUM_PREFIX = 8
#: Chunks with more parts only get the whole-chunk compact token.
MAX_COMPACT_PARTS = 6

# --------------------------------------------------------------------------
# Tokenisation helpers
# --------------------------------------------------------------------------

# A Han run, or a stretch of anything else.
SCRIPT_RUN = re.compile(f"([{HAN}]+)|[^{HAN}]+")
# Alphanumeric part: word characters except "_" and Han.
ALNUM = re.compile(f"[^\\W_{HAN}]+")
# Alphanumeric parts joined by single compact separators, no whitespace.
CHUNK = re.compile(f"[^\\W_{HAN}]+(?:[/\\-:._][^\\W_{HAN}]+)*")
DIGIT = re.compile(r"\d")
# 文号 without its 机关代字: 〔year〕 or (year), optional 第, number, 号.
_DOCNUM = re.compile(r"[〔(] ?(?P<year>\d{4}) ?[〕)] ?第? ?(?P<num>\d{1,6}) ?号")
# The Han characters (the 机关代字) right before a 文号, at the end of a slice.
_DOCNUM_PREFIX = re.compile(f"[{HAN}]{{1,{MAX_DOCNUM_PREFIX}}}(?= ?$)")


@dataclass(frozen=True)
class _DocNum:
    start: int  # of the bracket; the 机关代字 is before it
    end: int  # of the number; "号" stays outside
    prefix: str  # up to MAX_DOCNUM_PREFIX Han characters, may be ""
    year: str
    num: str

    @property
    def core(self) -> str:
        """``<year><n>号``, leading zeros of n dropped."""
        return f"{self.year}{int(self.num)}号"


def find_docnums(text: str) -> list[_DocNum]:
    found = []
    if "号" in text:
        for match in _DOCNUM.finditer(text):
            start = match.start()
            before = text[max(0, start - MAX_DOCNUM_PREFIX - 1) : start]
            prefix = _DOCNUM_PREFIX.search(before)
            found.append(
                _DocNum(
                    start=start,
                    end=match.end("num"),
                    prefix=prefix[0] if prefix else "",
                    year=match["year"],
                    num=match["num"],
                )
            )
    return found


_add = operator.add


def bigrams(run: str) -> list[str]:
    return list(map(_add, run, run[1:]))


def _compact_tokens(parts: list[str]) -> list[str]:
    """Compact tokens for a separator-joined chunk: whole first, then runs."""
    tokens = ["".join(parts)]
    n = len(parts)
    if n <= MAX_COMPACT_PARTS:
        for length in range(n - 1, 1, -1):
            for start in range(n - length + 1):
                tokens.append("".join(parts[start : start + length]))
    return tokens


# --------------------------------------------------------------------------
# Index side
# --------------------------------------------------------------------------


def segment_for_index(text: str) -> list[str]:
    """Tokens to index for ``text`` (see the module docstring).

    Order: for each Han run its bigrams then its edge unigrams; the non-Han
    parts, each chunk's followed by its compact tokens; the search-mode
    words (except two-character ones) of all Han runs; the 文号 compact
    tokens.  Bigrams of one run are contiguous and never adjacent to another
    run's bigrams.  Duplicates are kept (term frequency).
    """
    text = normalise(text)
    if not text:
        return []
    tokens: list[str] = []
    append = tokens.append
    extend = tokens.extend
    han_runs = HAN_RUN.findall(text)
    for run in han_runs:
        if len(run) == 1:
            append(run)
        else:
            extend(map(_add, run, run[1:]))
            append(run[0])
            append(run[-1])
    for chunk in CHUNK.findall(text):
        if chunk.isalnum():
            append(chunk)
        else:
            parts = ALNUM.findall(chunk)
            extend(parts)
            if DIGIT.search(chunk):
                extend(_compact_tokens(parts))
    if han_runs:
        # One segmenter call for the whole text: "|" is not Han, so no word
        # spans two runs; two-character words are already bigrams.
        words = get_segmenter().cut_for_search("|".join(han_runs))
        extend([w for w in words if len(w) != 2 and w != "|"])
    for docnum in find_docnums(text):
        core = docnum.core
        append(core)
        for k in range(2, len(docnum.prefix) + 1):
            append(docnum.prefix[-k:] + core)
    return tokens


def index_text(text: str) -> str:
    """``segment_for_index`` joined by spaces, ready for a full-text column."""
    return " ".join(segment_for_index(text))
