"""Chinese text analysis for the database search backends.

modelsearch's database backends (SQLite FTS5, PostgreSQL tsvector) treat a run
of Han characters as a single token.  This module turns text into
space-separable tokens at index time and turns a user's query into a small
boolean structure built from the same tokens, so that the backend only has to
do plain token matching.

Index tokens (``segment_for_index``), after ``normalise``:

* Every Han run (maximal sequence of Han characters) yields all of its
  overlapping character bigrams, contiguous and in order (so a backend may
  also match them as a phrase), followed by its first and last characters as
  unigrams (a one-character run yields just that character).  The unigrams
  keep one run's bigrams from being adjacent to the next run's.

* The Han runs' rjieba/jieba *search mode* words follow, except
  two-character words (they are bigrams already): words of three or more
  characters (``最低生活保障``, ``政府信息公开``) and single characters.

* Every non-Han stretch is split on whitespace and punctuation (including
  ``/ - : 〔 〕 . _``) into alphanumeric tokens.  A chunk whose parts are
  joined only by ``/ - : . _`` (no spaces), has at least two parts and
  contains a digit (index numbers, dates, version numbers) additionally
  yields *compact* tokens: the parts concatenated without separators, for the
  whole chunk and for every contiguous run of at least two parts (only the
  whole chunk when it has more than ``MAX_COMPACT_PARTS`` parts).
  ``11420800mb1234567x/2024-00012`` gives ``11420800mb1234567x``, ``2024``,
  ``00012``, ``11420800mb1234567x202400012``, ``11420800mb1234567x2024`` and
  ``202400012``.

* Every document number (文号) ``<机关代字>〔<year>〕[第]<n>号`` (any bracket
  style, as folded by ``normalise``, or ASCII/full-width parentheses) yields
  compact tokens ``<year><n>号`` and ``<suffix><year><n>号`` for each suffix
  of 2 to ``MAX_DOCNUM_PREFIX`` characters of the Han characters right
  before the bracket (in running text they may start before the real
  机关代字; one of the suffixes is the 机关代字); leading zeros of ``n`` are
  dropped.  ``荆政办文〔2020〕6号`` gives ``20206号``, ``办文20206号``,
  ``政办文20206号`` and ``荆政办文20206号``.  The year is always four digits,
  so the concatenation is unambiguous.

A query (``segment_for_query``) becomes ``QueryTerms``: a conjunction (AND) of
groups; each group is a disjunction (OR) of alternatives; each alternative is
a tuple of tokens that must all be present (AND).  A document matches when,
for every group, at least one alternative has all of its tokens in the
document's index tokens.  Groups, in query order:

* Han runs are cut with jieba *precise* mode.  A word ``w`` of two or more
  characters gives the group ``(w) OR (bigrams of w)``; a document matches
  the group exactly when it contains ``w`` as a character sequence (the
  bigrams are also emitted contiguously, so a backend may match the bigram
  alternative as a phrase for strict adjacency; ``matches`` uses plain AND).
  The ``(w)`` alternative never widens the match; it exists so that
  documents where ``w`` is a segmenter word score higher.
* A one-character word ``c`` gives ``(c) OR (left neighbour + c) OR
  (c + right neighbour)``, the neighbours being taken from the query's Han
  run: the character is found wherever it stands next to the same neighbour
  as in the query, or where it is a standalone word, or at the edge of a Han
  run.
* A non-Han token gives a group of one alternative of one token; a
  separator-joined chunk with a digit gives ``(compact) OR (part1 AND part2
  ...)``, so ``2024-00012`` finds ``11420800MB1234567X/2024-00012`` and an
  exact index number ranks first through its rare compact token.
* A 文号 gives ``(compact with 机关代字) OR (year AND n)``; the 机关代字 and
  ``号`` are also matched as ordinary Han words.

So a query matches the documents that contain all of its words (each as a
character sequence); a document containing the query's exact character
sequence always contains all its words and therefore always matches.  As a
multi-character query word is never *required* as a token (its bigrams
suffice), a document segmented differently from the query still matches.

Segmentation uses rjieba (Rust port of jieba, preferred for speed) and falls
back to jieba when rjieba is not importable.  The government terms dictionary
``dictionaries/gov_terms.txt`` is loaded into the shared segmenter the first
time it is used (``get_segmenter``, or ``warm_up`` at start-up); extra
dictionaries are added with ``load_user_dictionary``.  rjieba has no
``load_userdict``, so each term is added with ``add_word(word, None, None)``,
which lets rjieba suggest a frequency high enough to keep the term whole
(jieba's ``add_word`` does the same).
"""

from __future__ import annotations

import itertools
import logging
import operator
import re
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

__all__ = [
    "DEFAULT_DICTIONARY_PATH",
    "DEFAULT_SYNONYMS_PATH",
    "QueryTerms",
    "Segmenter",
    "default_synonyms",
    "expand_query_synonyms",
    "get_segmenter",
    "index_text",
    "load_synonyms",
    "load_user_dictionary",
    "matches",
    "merge_synonyms",
    "normalise",
    "parse_synonym_rules",
    "read_synonym_rules",
    "segment_for_index",
    "segment_for_query",
    "warm_up",
]

logger = logging.getLogger(__name__)

DICTIONARY_DIR = Path(__file__).resolve().parent / "dictionaries"
DEFAULT_DICTIONARY_PATH = DICTIONARY_DIR / "gov_terms.txt"
DEFAULT_SYNONYMS_PATH = DICTIONARY_DIR / "synonyms.txt"

#: Longest 机关代字 suffix kept in a compact 文号 token.
MAX_DOCNUM_PREFIX = 8
#: Chunks with more parts only get the whole-chunk compact token.
MAX_COMPACT_PARTS = 6

# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

# Han ideographs: CJK Unified (+ Ext A, B-H), compatibility ideographs, 〇.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

_BRACKET_MAP = {
    "[": "〔",
    "]": "〕",
    "【": "〔",
    "】": "〕",
    "〖": "〔",
    "〗": "〕",
    "〘": "〔",
    "〙": "〕",
}
# ［］ are folded to [] by NFKC before this runs.
_BRACKET_RE = re.compile("[" + re.escape("".join(_BRACKET_MAP)) + "]")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def normalise(text: str) -> str:
    """Return ``text`` in the canonical form used for indexing and querying.

    NFKC (full-width digits, letters and punctuation become ASCII, the
    ideographic space becomes a space), every bracket style in
    〔〕【】［］[]〖〗 folded to 〔〕, lower case, zero-width characters
    removed, whitespace collapsed to single spaces and stripped.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _BRACKET_RE.sub(lambda m: _BRACKET_MAP[m[0]], text)
    text = _INVISIBLE_RE.sub("", text).lower()
    return " ".join(text.split())


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
            for word in _read_entries(resolved):
                word = normalise(word.split(" ", 1)[0])
                if word and _HAN_RUN.fullmatch(word):
                    self.add_word(word)
                    added += 1
            self.loaded_paths.add(resolved)
        return added


def _read_entries(path: Path) -> Iterable[str]:
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


# --------------------------------------------------------------------------
# Tokenisation helpers
# --------------------------------------------------------------------------

_HAN_RUN = re.compile(f"[{_HAN}]+")
# A Han run, or a stretch of anything else.
_SCRIPT_RUN = re.compile(f"([{_HAN}]+)|[^{_HAN}]+")
# Alphanumeric part: word characters except "_" and Han.
_ALNUM = re.compile(f"[^\\W_{_HAN}]+")
# Alphanumeric parts joined by single compact separators, no whitespace.
_CHUNK = re.compile(f"[^\\W_{_HAN}]+(?:[/\\-:._][^\\W_{_HAN}]+)*")
_DIGIT = re.compile(r"\d")
# 文号 without its 机关代字: 〔year〕 or (year), optional 第, number, 号.
_DOCNUM = re.compile(r"[〔(] ?(?P<year>\d{4}) ?[〕)] ?第? ?(?P<num>\d{1,6}) ?号")
# The Han characters (the 机关代字) right before a 文号, at the end of a slice.
_DOCNUM_PREFIX = re.compile(f"[{_HAN}]{{1,{MAX_DOCNUM_PREFIX}}}(?= ?$)")


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


def _find_docnums(text: str) -> list[_DocNum]:
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


def _bigrams(run: str) -> list[str]:
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
    han_runs = _HAN_RUN.findall(text)
    for run in han_runs:
        if len(run) == 1:
            append(run)
        else:
            extend(map(_add, run, run[1:]))
            append(run[0])
            append(run[-1])
    for chunk in _CHUNK.findall(text):
        if chunk.isalnum():
            append(chunk)
        else:
            parts = _ALNUM.findall(chunk)
            extend(parts)
            if _DIGIT.search(chunk):
                extend(_compact_tokens(parts))
    if han_runs:
        # One segmenter call for the whole text: "|" is not Han, so no word
        # spans two runs; two-character words are already bigrams.
        words = get_segmenter().cut_for_search("|".join(han_runs))
        extend([w for w in words if len(w) != 2 and w != "|"])
    for docnum in _find_docnums(text):
        core = docnum.core
        append(core)
        for k in range(2, len(docnum.prefix) + 1):
            append(docnum.prefix[-k:] + core)
    return tokens


def index_text(text: str) -> str:
    """``segment_for_index`` joined by spaces, ready for a full-text column."""
    return " ".join(segment_for_index(text))


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
            groups.append(_group((word,), tuple(_bigrams(word))))
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
    for match in _SCRIPT_RUN.finditer(text):
        run = match[1]
        if run is not None:
            groups.extend(_han_groups(run, cut))
            continue
        for chunk in _CHUNK.findall(match[0]):
            parts = _ALNUM.findall(chunk)
            if len(parts) > 1 and _DIGIT.search(chunk):
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
    for docnum in _find_docnums(text):
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


# --------------------------------------------------------------------------
# Synonyms
# --------------------------------------------------------------------------

SynonymMap = dict[str, set[str]]


def read_synonym_rules(path: str | PathLike[str]) -> list[str]:
    """Rules of a Solr-format synonym file (blank and ``#`` lines skipped).

    The same list is given inline to Elasticsearch's ``synonym_graph`` filter.
    """
    return list(_read_entries(Path(path)))


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
    keys = sorted(synonyms, key=lambda k: (-len(k), k))
    pattern = re.compile("|".join(map(re.escape, keys)))
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
