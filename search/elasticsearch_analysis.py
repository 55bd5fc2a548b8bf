"""Elasticsearch analysis settings for Chinese text.

Pure functions: they build the ``settings.analysis`` part of an index and the
field mapping fragments that refer to it; creating the index is the backend's
job.  Four profiles:

``ik``
    analysis-ik plugin: ``ik_max_word`` tokenizer at index time (finest
    segmentation, best recall), ``ik_smart`` at search time (coarsest, best
    precision).  ``dictionaries/gov_terms.txt`` can be used as IK's
    ``ext_dict``.
``smartcn``
    analysis-smartcn plugin: the ``smartcn`` analyzer rebuilt as a custom
    analyzer (``smartcn_tokenizer`` + ``porter_stem`` + ``smartcn_stop``,
    same tokens) so the search side can add synonyms.
``icu``
    analysis-icu plugin: ``icu_tokenizer`` (dictionary-based word breaks
    for Han text) + ``cjk_width`` + ``lowercase``.
``cjk``
    no plugin: the built-in ``cjk`` analyzer rebuilt as a custom analyzer
    (``standard`` tokenizer + ``cjk_width`` + ``lowercase`` + ``cjk_bigram``
    + English stop words, same tokens).

Every profile defines the same names:

=============================  ===========================================
``zh_index``                   index analyzer of text fields
``zh_search``                  search analyzer: ``zh_index``'s chain on the
                               search tokenizer, plus the ``zh_synonyms``
                               ``synonym_graph`` filter (last, so that
                               synonym rules are parsed by the same chain)
``zh_bigram``                  ``standard`` + ``cjk_bigram``, for the
                               ``bigram`` sub-field (recall for words the
                               segmenter splits differently)
``zh_autocomplete_index``      ``standard`` + ``cjk_bigram`` with unigrams
                               + ``zh_edge_ngram`` (1-20), whatever the
                               profile (see below)
``zh_autocomplete_search``     ``standard`` + ``cjk_bigram``, no n-grams
                               (never the ``standard`` analyzer alone,
                               which would split Han text into single
                               characters)
``docnum_normalizer``          keyword normalizer for 文号 / 索引号
=============================  ===========================================

The synonym filter is omitted when there are no synonym rules
(Elasticsearch rejects a synonym filter without rules).

Which fields carry which analysis (``text_field_mapping``, ``column_field_mapping``):
the catch-all fields (``_all_text``, ``_all_text_boost_*``) are what a search without
``fields`` queries, so they get the segmenter and a ``bigram`` sub-field; every text
field is copied into them.  A field's own column serves only searches given ``fields``
(the admin's), so it is analysed once, with ``zh_bigram``: segmenting it again took
about a third of the engine's indexing time and served no search of the site.

Autocomplete (``*_edgengrams``, titles) matches what was typed as characters in every
profile: the title's characters and bigrams with their prefixes, against the bigrams typed
(``住房公`` gives ``住房 房公``; a lone character stays a unigram).  It used to run the profile's
segmenter over every title twice more, about a sixth of the engine's indexing time with
``smartcn``, for prefixes of segmenter words that match no more than the typed characters do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.text import BRACKET_FOLD
from search.text import DEFAULT_SYNONYMS_PATH, read_synonym_rules

__all__ = [
    "AUTOCOMPLETE_INDEX_ANALYZER",
    "AUTOCOMPLETE_SEARCH_ANALYZER",
    "BIGRAM_ANALYZER",
    "DOCNUM_NORMALIZER",
    "INDEX_ANALYZER",
    "PROFILES",
    "REQUIRED_PLUGINS",
    "SEARCH_ANALYZER",
    "SYNONYM_FILTER",
    "analysis_settings",
    "autocomplete_field_mapping",
    "column_field_mapping",
    "default_synonym_rules",
    "index_settings",
    "keyword_field_mapping",
    "text_field_mapping",
]

INDEX_ANALYZER = "zh_index"
SEARCH_ANALYZER = "zh_search"
BIGRAM_ANALYZER = "zh_bigram"
AUTOCOMPLETE_INDEX_ANALYZER = "zh_autocomplete_index"
AUTOCOMPLETE_SEARCH_ANALYZER = "zh_autocomplete_search"
DOCNUM_NORMALIZER = "docnum_normalizer"

SYNONYM_FILTER = "zh_synonyms"
EDGE_NGRAM_FILTER = "zh_edge_ngram"
ENGLISH_STOP_FILTER = "zh_english_stop"
BIGRAM_UNIGRAM_FILTER = "zh_cjk_bigram_unigrams"

FULLWIDTH_CHAR_FILTER = "zh_fullwidth"
BRACKETS_CHAR_FILTER = "zh_brackets"
DOCNUM_PARENS_CHAR_FILTER = "zh_docnum_parens"
STRIP_WHITESPACE_CHAR_FILTER = "zh_strip_whitespace"

PROFILES = ("ik", "smartcn", "icu", "cjk")

#: Elasticsearch plugin each profile needs (``None``: built in).
REQUIRED_PLUGINS: dict[str, str | None] = {
    "ik": "analysis-ik",
    "smartcn": "analysis-smartcn",
    "icu": "analysis-icu",
    "cjk": None,
}

EDGE_NGRAM_MIN = 1
EDGE_NGRAM_MAX = 20

# Per profile: tokenizers and the token filters between the tokenizer and
# the profile-independent tail (synonyms).
_PROFILE_CHAINS: dict[str, dict[str, Any]] = {
    "ik": {
        "index_tokenizer": "ik_max_word",
        "search_tokenizer": "ik_smart",
        "filters": ["lowercase"],
    },
    "smartcn": {
        "index_tokenizer": "smartcn_tokenizer",
        "search_tokenizer": "smartcn_tokenizer",
        "filters": ["lowercase", "porter_stem", "smartcn_stop"],
    },
    "icu": {
        "index_tokenizer": "icu_tokenizer",
        "search_tokenizer": "icu_tokenizer",
        "filters": ["cjk_width", "lowercase"],
    },
    "cjk": {
        "index_tokenizer": "standard",
        "search_tokenizer": "standard",
        "filters": ["cjk_width", "lowercase", "cjk_bigram", ENGLISH_STOP_FILTER],
    },
}

# Autocomplete, every profile: unigrams + bigrams, then edge n-grams (prefixes of Latin
# words) at index time; bigrams of the typed text at search time (a lone character is kept
# as a unigram by cjk_bigram).
_AUTOCOMPLETE_INDEX_FILTERS = ["cjk_width", "lowercase", BIGRAM_UNIGRAM_FILTER, EDGE_NGRAM_FILTER]
_AUTOCOMPLETE_SEARCH_FILTERS = ["cjk_width", "lowercase", "cjk_bigram"]

_TEXT_CHAR_FILTERS = [FULLWIDTH_CHAR_FILTER, BRACKETS_CHAR_FILTER]


def _fullwidth_mappings() -> list[str]:
    """Full-width digits, Latin letters and 文号/索引号 separators to ASCII."""
    pairs = [(chr(0xFF10 + i), chr(0x30 + i)) for i in range(10)]
    pairs += [(chr(0xFF21 + i), chr(0x41 + i)) for i in range(26)]
    pairs += [(chr(0xFF41 + i), chr(0x61 + i)) for i in range(26)]
    pairs += [(a, b) for a, b in zip("／－：．＿（）", "/-:._()")]
    return [f"{a} => {b}" for a, b in pairs]


def _bracket_mappings() -> list[str]:
    """The bracket folding of ``core.text`` as a mapping char filter (the engine does no NFKC first)."""
    return [f"{char} => {folded}" for char, folded in BRACKET_FOLD.items()]


def _check_profile(profile: str) -> dict[str, Any]:
    try:
        return _PROFILE_CHAINS[profile]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown analyzer profile {profile!r}; expected one of {PROFILES}") from None


def default_synonym_rules() -> list[str]:
    """Rules of ``dictionaries/synonyms.txt`` (Solr format)."""
    return read_synonym_rules(DEFAULT_SYNONYMS_PATH)


def _clean_rules(rules: Iterable[str]) -> list[str]:
    cleaned = []
    for rule in rules:
        rule = " ".join(rule.split())
        if rule and not rule.startswith("#") and rule not in cleaned:
            cleaned.append(rule)
    return cleaned


def analysis_settings(profile: str, synonyms: Iterable[str] | None = None) -> dict:
    """The ``settings.analysis`` object for ``profile``.

    ``synonyms`` are Solr-format rules (``"低保, 最低生活保障"``), given inline
    to a ``synonym_graph`` filter; ``None`` reads ``synonyms.txt``, an empty
    list leaves synonyms out.  Raises ``ValueError`` for an unknown profile.
    """
    chain = _check_profile(profile)
    rules = _clean_rules(default_synonym_rules() if synonyms is None else synonyms)
    filters = list(chain["filters"])

    def custom(tokenizer: str, token_filters: list[str]) -> dict:
        return {
            "type": "custom",
            "char_filter": list(_TEXT_CHAR_FILTERS),
            "tokenizer": tokenizer,
            "filter": token_filters,
        }

    analyzers = {
        INDEX_ANALYZER: custom(chain["index_tokenizer"], filters),
        SEARCH_ANALYZER: custom(
            chain["search_tokenizer"],
            filters + ([SYNONYM_FILTER] if rules else []),
        ),
        BIGRAM_ANALYZER: custom("standard", ["cjk_width", "lowercase", "cjk_bigram"]),
        AUTOCOMPLETE_INDEX_ANALYZER: custom("standard", list(_AUTOCOMPLETE_INDEX_FILTERS)),
        AUTOCOMPLETE_SEARCH_ANALYZER: custom("standard", list(_AUTOCOMPLETE_SEARCH_FILTERS)),
    }

    token_filters: dict[str, dict] = {
        EDGE_NGRAM_FILTER: {
            "type": "edge_ngram",
            "min_gram": EDGE_NGRAM_MIN,
            "max_gram": EDGE_NGRAM_MAX,
        },
        BIGRAM_UNIGRAM_FILTER: {
            "type": "cjk_bigram",
            "output_unigrams": True,
        },
    }
    if rules:
        token_filters[SYNONYM_FILTER] = {
            "type": "synonym_graph",
            "synonyms": rules,
            # Skip a rule the analysis chain cannot parse instead of failing
            # the whole index creation.
            "lenient": True,
        }
    if profile == "cjk":
        token_filters[ENGLISH_STOP_FILTER] = {
            "type": "stop",
            "stopwords": "_english_",
        }

    return {
        "char_filter": {
            FULLWIDTH_CHAR_FILTER: {
                "type": "mapping",
                "mappings": _fullwidth_mappings(),
            },
            BRACKETS_CHAR_FILTER: {
                "type": "mapping",
                "mappings": _bracket_mappings(),
            },
            DOCNUM_PARENS_CHAR_FILTER: {
                "type": "mapping",
                "mappings": ["( => 〔", ") => 〕"],
            },
            STRIP_WHITESPACE_CHAR_FILTER: {
                "type": "pattern_replace",
                # Literal U+3000 / U+00A0 rather than "\u3000" escapes, readable by
                # Java regexes and RE2-style engines alike.
                "pattern": "[\\s\u3000\u00a0]+",
                "replacement": "",
            },
        },
        "filter": token_filters,
        "analyzer": analyzers,
        "normalizer": {
            DOCNUM_NORMALIZER: {
                "type": "custom",
                "char_filter": [
                    FULLWIDTH_CHAR_FILTER,
                    BRACKETS_CHAR_FILTER,
                    DOCNUM_PARENS_CHAR_FILTER,
                    STRIP_WHITESPACE_CHAR_FILTER,
                ],
                "filter": ["lowercase"],
            },
        },
    }


def index_settings(profile: str, synonyms: Iterable[str] | None = None) -> dict:
    """``{"analysis": analysis_settings(...)}``, to merge into index settings."""
    return {"analysis": analysis_settings(profile, synonyms)}


def text_field_mapping(profile: str) -> dict:
    """A text field analysed for ``profile`` with a ``bigram`` sub-field."""
    _check_profile(profile)
    return {
        "type": "text",
        "analyzer": INDEX_ANALYZER,
        "search_analyzer": SEARCH_ANALYZER,
        "fields": {"bigram": _bigram_text()},
    }


def column_field_mapping(profile: str) -> dict:
    """A text field's own column (copied into the catch-all fields): bigrams only, no sub-field."""
    _check_profile(profile)
    return _bigram_text()


def _bigram_text() -> dict:
    return {"type": "text", "analyzer": BIGRAM_ANALYZER, "search_analyzer": BIGRAM_ANALYZER}


def autocomplete_field_mapping(profile: str) -> dict:
    """A text field for search-as-you-type (edge n-grams at index time)."""
    _check_profile(profile)
    return {
        "type": "text",
        "analyzer": AUTOCOMPLETE_INDEX_ANALYZER,
        "search_analyzer": AUTOCOMPLETE_SEARCH_ANALYZER,
    }


def keyword_field_mapping() -> dict:
    """A keyword (sub-)field for 文号 / 索引号, normalised for exact lookup.

    ``荆政办文［２０２０］６号``, ``荆政办文[2020] 6号`` and ``荆政办文(2020)6号``
    all become ``荆政办文〔2020〕6号``.
    """
    return {
        "type": "keyword",
        "normalizer": DOCNUM_NORMALIZER,
        "ignore_above": 256,
    }
