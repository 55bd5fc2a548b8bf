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

from core.text import normalise

from .query_terms import QueryTerms, matches, segment_for_query
from .segmenter import (
    DEFAULT_DICTIONARY_PATH,
    DEFAULT_SYNONYMS_PATH,
    Segmenter,
    get_segmenter,
    load_user_dictionary,
    warm_up,
)
from .synonym_rules import (
    default_synonyms,
    expand_query_synonyms,
    load_synonyms,
    merge_synonyms,
    parse_synonym_rules,
    read_synonym_rules,
)
from .tokens import index_text, segment_for_index

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
