"""The shared word segmenter (rjieba, or jieba when rjieba is missing) and its government dictionaries."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path

from core.text import normalise

logger = logging.getLogger(__name__)

DICTIONARY_DIR = Path(__file__).resolve().parent.parent / "dictionaries"
DEFAULT_DICTIONARY_PATH = DICTIONARY_DIR / "gov_terms.txt"
DEFAULT_SYNONYMS_PATH = DICTIONARY_DIR / "synonyms.txt"

# Han ideographs: CJK Unified (+ Ext A, B-H), compatibility ideographs, 〇.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")


# --------------------------------------------------------------------------
# Segmenter (rjieba preferred, jieba fallback) and dictionaries
# --------------------------------------------------------------------------


class Segmenter:
    """Thin wrapper giving rjieba and jieba the same interface.

    ``engine`` is ``"rjieba"``, ``"jieba"`` or ``None`` (rjieba if importable,
    else jieba).  The rjieba engine uses rjieba's module-level default
    instance (its dictionary is loaded once per process, ~25 MB; a private
    ``rjieba.Jieba()`` would load a second copy).  The jieba engine uses a
    private ``jieba.Tokenizer``.
    """

    def __init__(self, engine: str | None = None) -> None:
        self._lock = threading.Lock()
        self.loaded_paths: set[Path] = set()
        if engine in (None, "rjieba"):
            try:
                import rjieba
            except ImportError:
                if engine == "rjieba":
                    raise
                logger.warning("rjieba is not installed; falling back to jieba")
            else:
                self.engine = "rjieba"
                self._cut: Callable[[str], list[str]] = rjieba.cut
                self._cut_for_search: Callable[[str], list[str]] = rjieba.cut_for_search
                self._add_word: Callable[[str], object] = lambda word: rjieba.add_word(word, None, None)
                return
        elif engine != "jieba":
            raise ValueError(f"Unknown segmenter engine: {engine!r}")

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        self.engine = "jieba"
        self._cut = lambda text: list(tokenizer.cut(text, HMM=True))
        self._cut_for_search = lambda text: list(tokenizer.cut_for_search(text, HMM=True))
        self._add_word = tokenizer.add_word

    def cut(self, text: str) -> list[str]:
        """Precise-mode words."""
        return self._cut(text)

    def cut_for_search(self, text: str) -> list[str]:
        """Search-mode words (precise words plus their dictionary sub-words)."""
        return self._cut_for_search(text)

    def add_word(self, word: str) -> None:
        """Add ``word`` with a frequency that keeps it whole."""
        self._add_word(word)

    def load_dictionary(self, path: str | PathLike[str]) -> int:
        """Add every word of a dictionary file; return how many were added.

        Format: UTF-8, one entry per line; blank lines and ``#`` comments are
        skipped; only the first whitespace-separated field is used, so jieba
        user dictionaries (``word [freq] [tag]``) and IK ``ext_dict`` files are
        both accepted.  Words are normalised; words that are not pure Han are
        skipped (only Han runs are ever given to the segmenter).  Loading the
        same file twice is a no-op.
        """
        resolved = Path(path).resolve()
        with self._lock:
            if resolved in self.loaded_paths:
                return 0
            added = 0
            for word in read_entries(resolved):
                word = normalise(word.split(" ", 1)[0])
                if word and HAN_RUN.fullmatch(word):
                    self.add_word(word)
                    added += 1
            self.loaded_paths.add(resolved)
        return added


def read_entries(path: Path) -> Iterable[str]:
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


_segmenter: Segmenter | None = None
_segmenter_lock = threading.Lock()


def get_segmenter() -> Segmenter:
    """Return the shared segmenter, creating it with the default dictionary."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                segmenter = Segmenter()
                segmenter.load_dictionary(DEFAULT_DICTIONARY_PATH)
                _segmenter = segmenter
    return _segmenter


def load_user_dictionary(path: str | PathLike[str], *, segmenter: Segmenter | None = None) -> int:
    """Load an extra dictionary file into the shared (or given) segmenter.

    Meant to be called at start-up for each path in a setting such as
    ``SEARCH_EXTRA_DICTIONARIES``.  Returns the number of words added.
    Existing index tokens do not change until documents are re-indexed.
    """
    return (segmenter or get_segmenter()).load_dictionary(path)


def warm_up(extra_dictionaries: Iterable[str | PathLike[str]] = ()) -> Segmenter:
    """Create the shared segmenter now (e.g. in ``AppConfig.ready``)."""
    segmenter = get_segmenter()
    for path in extra_dictionaries:
        segmenter.load_dictionary(path)
    return segmenter
