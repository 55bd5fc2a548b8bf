"""What a citizen typed, analysed before any backend sees it: 文号, question words, required terms, relaxed subsets.

Every backend (SQLite, PostgreSQL, the Elasticsearch/OpenSearch engines, stock
modelsearch) receives the same plain text from here, so all of them answer a
question such as ``孩子上幼儿园有补助吗`` the same way:

* a 文号 typed loosely (``示政发2026 2号``, ``示政发2026年2号``, full-width digits,
  no 号) is recognised and searched as its canonical form ``示政发〔2026〕2号``;
* the query is cut into words by the shared segmenter; question and function
  words (``dictionaries/question_words.txt``, a list the team maintains) are
  dropped from the required terms;
* the dropped question words give answer cues (``cues``, from
  ``dictionaries/question_cues.txt``): ``多长时间`` gives ``工作日`` and ``期限``;
  a backend that reads them ranks the pages holding one higher;
* ``relaxed_terms`` gives the terms a relaxed search counts when the strict
  search (every term) finds less than a page, and how many of them a result
  must match (most of them); the database backends count them in one pass,
  and ``relaxed_texts`` spells the same rule as subsets of terms, larger
  first, for backends searched one subset at a time.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from core.text import normalise

from .segmenter import DICTIONARY_DIR, HAN, get_segmenter, read_entries

QUESTION_WORDS_PATH = DICTIONARY_DIR / "question_words.txt"
QUESTION_CUES_PATH = DICTIONARY_DIR / "question_cues.txt"
#: A relaxed search one subset at a time tries at most this many term subsets (each one backend query).
MAX_RELAXED_SUBSETS = 10
#: Terms beyond this many are not counted by a relaxed search (the longest are kept).
MAX_RELAXED_TERMS = 6

# 机关代字 + year (in any bracket, or none, or followed by 年) + number (+ optional 第 before, 号 after).
LOOSE_DOCNUM_RE = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fff]{2,12}?)\s*[〔(]?\s*(?P<year>(?:19|20)\d{2})\s*[〕)]?\s*年?\s*"
    r"第?\s*0*(?P<num>\d{1,6})\s*号?$"
)
_SEARCHABLE = re.compile(f"[{HAN}]|[^\\W_]")


@cache
def question_words(path: Path = QUESTION_WORDS_PATH) -> frozenset[str]:
    """The question and function words of ``path`` (whitespace-separated, ``#`` comments)."""
    words: set[str] = set()
    for line in read_entries(path):
        words.update(normalise(word) for word in line.split())
    return frozenset(word for word in words if word)


@cache
def question_cues(path: Path = QUESTION_CUES_PATH) -> dict[str, tuple[str, ...]]:
    """``{question word: answer cue words}`` of ``path`` (lines ``question words = cue words``)."""
    cues: dict[str, tuple[str, ...]] = {}
    for line in read_entries(path):
        asked, _, answered = line.partition("=")
        found = tuple(dict.fromkeys(normalise(word) for word in answered.split()))
        for word in asked.split():
            cues[normalise(word)] = cues.get(normalise(word), ()) + found
    return cues


@dataclass(frozen=True)
class DocumentNumber:
    """A 文号 as typed, in parts."""

    prefix: str
    year: str
    number: str

    @property
    def canonical(self) -> str:
        return f"{self.prefix}〔{self.year}〕{int(self.number)}号"


def parse_document_number(text: str) -> DocumentNumber | None:
    """The 文号 the whole of ``text`` is, however loosely typed; ``None`` otherwise.

    >>> parse_document_number("示政发２０２６年2号").canonical
    '示政发〔2026〕2号'
    """
    found = LOOSE_DOCNUM_RE.match(normalise(text))
    if found is None:
        return None
    prefix = found["prefix"]
    # "第" typed before the number sticks to the 机关代字 of a lazy match only when no digits follow it.
    return DocumentNumber(prefix=prefix, year=found["year"], number=str(int(found["num"])))


def has_searchable_text(text: str) -> bool:
    """Whether ``text`` has a Han character, a letter or a digit (not only punctuation, emoji, invisible marks)."""
    return bool(_SEARCHABLE.search(normalise(text)))


@dataclass(frozen=True)
class RelaxedTerms:
    """The terms a relaxed search counts, and how many of them a result must match."""

    terms: tuple[str, ...]
    #: Fewest terms a result matches.
    minimum: int
    #: Most terms a result is credited with: all of ``terms`` only when the strict
    #: search had more (a result matching every term here may still miss one there).
    most: int


@dataclass(frozen=True)
class QueryAnalysis:
    """A query cut into required terms, with what was dropped and the 文号 it may be."""

    original: str
    text: str
    terms: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    document_number: DocumentNumber | None = None
    notes: dict = field(default_factory=dict, compare=False)

    @property
    def searchable(self) -> bool:
        return bool(self.terms) or self.document_number is not None

    @property
    def strict_text(self) -> str:
        """What the backend searches: the canonical 文号, the text itself, or its terms without question words."""
        if self.document_number is not None:
            return self.document_number.canonical
        if not self.dropped:
            return self.text
        return " ".join(self.terms)

    @property
    def is_question(self) -> bool:
        return bool(self.dropped)

    @property
    def cues(self) -> tuple[str, ...]:
        """Words a page answering the question is likely to hold (``dictionaries/question_cues.txt``).

        From the dropped question words (多长时间: 工作日, 期限...), leaving out the
        query's own terms; a ranking hint only, never part of what must match.
        """
        table = question_cues()
        found = (cue for word in self.dropped for cue in table.get(word, ()))
        return tuple(cue for cue in dict.fromkeys(found) if cue not in self.terms)

    def relaxed_terms(self) -> RelaxedTerms | None:
        """What a relaxed search counts; ``None`` when there is nothing to relax.

        Most terms must match: at least ``n // 2 + 1`` of ``n`` terms (one of two).
        Single-character terms are left out when longer ones exist: a lone
        character matches far too much.
        """
        terms = [t for t in self.terms if len(t) > 1] or list(self.terms)
        if len(terms) > MAX_RELAXED_TERMS:
            keep = set(sorted(terms, key=len, reverse=True)[:MAX_RELAXED_TERMS])
            terms = [t for t in terms if t in keep]
        n = len(terms)
        if n < 2 and len(self.terms) == n:
            return None
        most = n if len(self.terms) > n else n - 1
        return RelaxedTerms(terms=tuple(terms), minimum=1 if n <= 2 else n // 2 + 1, most=most)

    def relaxed_texts(self) -> list[tuple[int, str]]:
        """``(terms matched, text)`` of the subsets of ``relaxed_terms``, most terms first (at most ``MAX_RELAXED_SUBSETS``)."""
        relaxed = self.relaxed_terms()
        if relaxed is None:
            return []
        subsets: list[tuple[int, str]] = []
        for size in range(relaxed.most, relaxed.minimum - 1, -1):
            for subset in itertools.combinations(relaxed.terms, size):
                subsets.append((size, " ".join(subset)))
                if len(subsets) >= MAX_RELAXED_SUBSETS:
                    return subsets
        return subsets


def _pieces(chunk: str, protected: Collection[str]) -> list[tuple[str, bool]]:
    """``chunk`` cut around the protected words it contains (longest first, no overlap): ``(text, is_protected)``."""
    found = sorted((w for w in protected if len(w) > 1 and w in chunk), key=len, reverse=True)
    if not found:
        return [(chunk, False)]
    pattern = re.compile("|".join(map(re.escape, found)))
    pieces, position = [], 0
    for match in pattern.finditer(chunk):
        if match.start() > position:
            pieces.append((chunk[position : match.start()], False))
        pieces.append((match[0], True))
        position = match.end()
    if position < len(chunk):
        pieces.append((chunk[position:], False))
    return pieces


def analyse(query: str, protected: Collection[str] = ()) -> QueryAnalysis:
    """Analyse a query (see the module docstring).

    ``protected`` words (the synonym terms in force: ``找工作``, ``交医保``) are kept whole
    as terms even when they contain a question or function word, so the backend can
    expand them.
    """
    text = normalise(query)
    if not has_searchable_text(text):
        return QueryAnalysis(original=query, text="")
    docnum = parse_document_number(text)
    if docnum is not None:
        return QueryAnalysis(original=query, text=text, terms=(docnum.canonical,), document_number=docnum)
    stop = question_words()
    segmenter = get_segmenter()
    terms: list[str] = []
    dropped: list[str] = []
    for chunk in text.split():
        for piece, whole in _pieces(chunk, protected):
            if whole:
                terms.append(piece)
                continue
            for word in segmenter.cut(piece):
                word = word.strip()
                if not word or not _SEARCHABLE.search(word):
                    continue
                (dropped if word in stop else terms).append(word)
    if not terms and dropped:
        # Nothing but question words ("怎么办"): search them as typed rather than nothing.
        terms, dropped = dropped, []
    return QueryAnalysis(
        original=query, text=text, terms=tuple(dict.fromkeys(terms)), dropped=tuple(dict.fromkeys(dropped))
    )
