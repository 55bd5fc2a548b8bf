"""The index's own vocabulary (words that occur in published pages) and corrections of pinyin and typos against it.

A citizen who types ``gongjijin``, ``gjj`` or ``公基金`` means 公积金: the word is
found by its pinyin (``pypinyin``, tones ignored) or by its initials among the
words that actually occur in the titles, keywords and summaries of live pages,
so a correction is never a word that finds nothing (``search.query.search`` also
keeps a correction only when it finds results).
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max

from core.pinyin import lazy_pinyin
from disclosure.models import PolicyDocumentPage
from search.pages import live_public
from search.text import get_segmenter
from search.text.analysis import QueryAnalysis, question_words
from search.text.segmenter import HAN_RUN

#: Longest and shortest word of the vocabulary (Han characters).
MAX_WORD = 8
MIN_WORD = 2
#: Corrections offered for one query.
MAX_CORRECTIONS = 3
LETTERS = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=50_000)
def full_pinyin(word: str) -> str:
    # Cached: a typo is looked for in every window of up to MAX_WORD characters of a
    # query, and building the vocabulary asks for every word: the same short strings.
    return "".join(lazy_pinyin(word, errors="ignore"))


def initials(word: str) -> str:
    return "".join(syllable[0] for syllable in lazy_pinyin(word, first_letters=True, errors="ignore") if syllable)


@dataclass
class Vocabulary:
    """Words with how many texts they occur in, indexed by full pinyin and by initials."""

    counts: Counter
    by_pinyin: dict[str, list[str]]
    by_initials: dict[str, list[str]]

    @classmethod
    def from_texts(cls, texts) -> Vocabulary:
        segmenter = get_segmenter()
        stop = question_words()
        counts: Counter = Counter()
        for text in texts:
            words = set()
            for run in HAN_RUN.findall(text or ""):
                words.update(w for w in segmenter.cut_for_search(run) if MIN_WORD <= len(w) <= MAX_WORD)
            counts.update(words - stop)
        by_pinyin: dict[str, list[str]] = {}
        by_initials: dict[str, list[str]] = {}
        for word, _n in counts.most_common():
            by_pinyin.setdefault(full_pinyin(word), []).append(word)
            by_initials.setdefault(initials(word), []).append(word)
        return cls(counts=counts, by_pinyin=by_pinyin, by_initials=by_initials)

    def letters(self, text: str) -> list[str]:
        """Words spelt by ``text`` in full pinyin, then words whose initials it is."""
        found = list(self.by_pinyin.get(text, []))
        if len(text) >= 2:
            found += [w for w in self.by_initials.get(text, []) if w not in found]
        return found

    def homophone(self, word: str) -> str | None:
        """The most frequent word of the vocabulary sounding like ``word`` (a typo), if ``word`` itself is not one."""
        if word in self.counts:
            return None
        for candidate in self.by_pinyin.get(full_pinyin(word), []):
            if candidate != word:
                return candidate
        return None

    def correct_han(self, text: str) -> str:
        """``text`` with each stretch that is no word but sounds like one replaced, longest stretches first."""
        out = []
        for piece in re.split(f"({HAN_RUN.pattern})", text):
            if not piece or not HAN_RUN.fullmatch(piece):
                out.append(piece)
                continue
            position, corrected = 0, []
            while position < len(piece):
                for length in range(min(MAX_WORD, len(piece) - position), MIN_WORD - 1, -1):
                    window = piece[position : position + length]
                    replacement = self.homophone(window) if length >= 3 or window not in self.counts else None
                    if replacement:
                        corrected.append(replacement)
                        position += length
                        break
                else:
                    corrected.append(piece[position])
                    position += 1
            out.append("".join(corrected))
        return "".join(out)


#: How long a worker answers from its vocabulary before asking whether pages were
#: published or unpublished (counting every live page costs a query on each search),
#: unless ``settings.GONGKAI_VOCABULARY_CHECK_SECONDS`` says otherwise (the tests: 0,
#: as their fixtures make pages without publishing them).  A publish or unpublish in
#: this process asks at once (``forget_state``); one on another server shows within
#: this time.
STATE_CHECK_SECONDS = 30

_lock = threading.Lock()
_cached: tuple[tuple, Vocabulary] | None = None
_checked_at = float("-inf")


def forget_state(**kwargs) -> None:
    """Have the next search check the published pages (a page was published, unpublished or deleted here)."""
    global _checked_at
    _checked_at = float("-inf")


def _state() -> tuple:
    # live_public: the view restrictions are read once per search scope, not per statement.
    pages = live_public().aggregate(n=Count("id"), latest=Max("last_published_at"))
    return pages["n"], pages["latest"]


def _texts():
    yield from live_public().values_list("title", flat=True).iterator()
    for keywords, summary in live_public(PolicyDocumentPage).values_list("keywords", "summary").iterator():
        yield keywords
        yield summary


def vocabulary() -> Vocabulary:
    """The vocabulary of the pages published now (rebuilt when pages are published or unpublished)."""
    global _cached, _checked_at
    now = time.monotonic()
    trusted = getattr(settings, "GONGKAI_VOCABULARY_CHECK_SECONDS", STATE_CHECK_SECONDS)
    if _cached is not None and now - _checked_at < trusted:
        return _cached[1]
    state = _state()
    if _cached is None or _cached[0] != state:
        with _lock:
            if _cached is None or _cached[0] != state:
                _cached = (state, Vocabulary.from_texts(_texts()))
    _checked_at = now
    return _cached[1]


def corrections(analysis: QueryAnalysis) -> list[str]:
    """What the query could have meant: words spelt in pinyin or initials, or the typo corrected."""
    if not analysis.text:
        return []
    words = vocabulary()
    compact = analysis.text.replace(" ", "")
    if LETTERS.fullmatch(compact):
        return words.letters(compact)[:MAX_CORRECTIONS]
    corrected = words.correct_han(analysis.text)
    return [corrected] if corrected != analysis.text else []
