"""Golden tests of search.elasticsearch_analysis (pure Python, no Elasticsearch)."""

import json
import re

import pytest

from search.elasticsearch_analysis import (
    AUTOCOMPLETE_INDEX_ANALYZER,
    AUTOCOMPLETE_SEARCH_ANALYZER,
    BIGRAM_ANALYZER,
    DOCNUM_NORMALIZER,
    INDEX_ANALYZER,
    PROFILES,
    REQUIRED_PLUGINS,
    SEARCH_ANALYZER,
    SYNONYM_FILTER,
    analysis_settings,
    autocomplete_field_mapping,
    default_synonym_rules,
    index_settings,
    keyword_field_mapping,
    text_field_mapping,
)

TEXT_CHAR_FILTERS = ["zh_fullwidth", "zh_brackets"]
# Token filters Elasticsearch or the profile's plugin provides.
BUILT_IN_FILTERS = {"lowercase", "porter_stem", "cjk_width", "cjk_bigram", "smartcn_stop"}
BUILT_IN_TOKENIZERS = {"standard", "ik_max_word", "ik_smart", "smartcn_tokenizer", "icu_tokenizer"}

EXPECTED_TOKENIZERS = {
    # profile: (index, search)
    "ik": ("ik_max_word", "ik_smart"),
    "smartcn": ("smartcn_tokenizer", "smartcn_tokenizer"),
    "icu": ("icu_tokenizer", "icu_tokenizer"),
    "cjk": ("standard", "standard"),
}
EXPECTED_FILTERS = {
    "ik": ["lowercase"],
    "smartcn": ["lowercase", "porter_stem", "smartcn_stop"],
    "icu": ["cjk_width", "lowercase"],
    "cjk": ["cjk_width", "lowercase", "cjk_bigram", "zh_english_stop"],
}


@pytest.fixture(params=PROFILES)
def profile(request):
    return request.param


def test_profiles_and_plugins():
    assert PROFILES == ("ik", "smartcn", "icu", "cjk")
    assert REQUIRED_PLUGINS == {
        "ik": "analysis-ik",
        "smartcn": "analysis-smartcn",
        "icu": "analysis-icu",
        "cjk": None,
    }


def test_analyzer_names(profile):
    analysis = analysis_settings(profile, ["低保, 最低生活保障"])
    assert set(analysis) == {"char_filter", "filter", "analyzer", "normalizer"}
    assert set(analysis["analyzer"]) == {
        "zh_index",
        "zh_search",
        "zh_bigram",
        "zh_autocomplete_index",
        "zh_autocomplete_search",
    }
    assert set(analysis["normalizer"]) == {"docnum_normalizer"}
    for analyzer in analysis["analyzer"].values():
        assert analyzer["type"] == "custom"
        assert analyzer["char_filter"] == TEXT_CHAR_FILTERS


def test_index_and_search_analyzers(profile):
    analysis = analysis_settings(profile, ["低保, 最低生活保障"])
    index_tokenizer, search_tokenizer = EXPECTED_TOKENIZERS[profile]
    assert analysis["analyzer"][INDEX_ANALYZER] == {
        "type": "custom",
        "char_filter": TEXT_CHAR_FILTERS,
        "tokenizer": index_tokenizer,
        "filter": EXPECTED_FILTERS[profile],
    }
    assert analysis["analyzer"][SEARCH_ANALYZER] == {
        "type": "custom",
        "char_filter": TEXT_CHAR_FILTERS,
        "tokenizer": search_tokenizer,
        "filter": [*EXPECTED_FILTERS[profile], "zh_synonyms"],
    }


def test_ik_indexes_with_max_word_and_searches_with_smart():
    analyzers = analysis_settings("ik", [])["analyzer"]
    assert analyzers[INDEX_ANALYZER]["tokenizer"] == "ik_max_word"
    assert analyzers[SEARCH_ANALYZER]["tokenizer"] == "ik_smart"


def test_synonym_filter_is_in_the_search_analyzer_only(profile):
    analysis = analysis_settings(profile, ["低保, 最低生活保障", "  ", "# comment", "医保,  医疗保险"])
    assert analysis["filter"][SYNONYM_FILTER] == {
        "type": "synonym_graph",
        "synonyms": ["低保, 最低生活保障", "医保, 医疗保险"],
        "lenient": True,
    }
    analyzers = analysis["analyzer"]
    assert analyzers[SEARCH_ANALYZER]["filter"][-1] == SYNONYM_FILTER
    for name, analyzer in analyzers.items():
        if name != SEARCH_ANALYZER:
            assert SYNONYM_FILTER not in analyzer["filter"], name


def test_default_synonyms_come_from_the_file(profile):
    rules = default_synonym_rules()
    assert len(rules) >= 40
    assert "低保, 最低生活保障" in rules
    assert analysis_settings(profile)["filter"][SYNONYM_FILTER]["synonyms"] == rules


def test_no_synonyms_means_no_synonym_filter(profile):
    analysis = analysis_settings(profile, [])
    assert SYNONYM_FILTER not in analysis["filter"]
    assert SYNONYM_FILTER not in analysis["analyzer"][SEARCH_ANALYZER]["filter"]


def test_bigram_analyzer(profile):
    assert analysis_settings(profile, [])["analyzer"][BIGRAM_ANALYZER] == {
        "type": "custom",
        "char_filter": TEXT_CHAR_FILTERS,
        "tokenizer": "standard",
        "filter": ["cjk_width", "lowercase", "cjk_bigram"],
    }


def test_autocomplete_analyzers(profile):
    """Every profile completes what was typed as characters: no segmenter runs over the titles again."""
    analysis = analysis_settings(profile, [])
    index = analysis["analyzer"][AUTOCOMPLETE_INDEX_ANALYZER]
    search = analysis["analyzer"][AUTOCOMPLETE_SEARCH_ANALYZER]
    assert index["tokenizer"] == search["tokenizer"] == "standard"
    assert index["filter"] == ["cjk_width", "lowercase", "zh_cjk_bigram_unigrams", "zh_edge_ngram"]
    assert analysis["filter"]["zh_cjk_bigram_unigrams"] == {"type": "cjk_bigram", "output_unigrams": True}
    assert analysis["filter"]["zh_edge_ngram"] == {"type": "edge_ngram", "min_gram": 1, "max_gram": 20}
    assert search["filter"] == ["cjk_width", "lowercase", "cjk_bigram"]
    mapping = autocomplete_field_mapping(profile)
    assert mapping == {
        "type": "text",
        "analyzer": "zh_autocomplete_index",
        "search_analyzer": "zh_autocomplete_search",
    }
    assert mapping["search_analyzer"] != "standard"


def test_cjk_drops_english_stop_words():
    assert analysis_settings("cjk", [])["filter"]["zh_english_stop"] == {"type": "stop", "stopwords": "_english_"}


def test_every_referenced_component_is_defined(profile):
    analysis = analysis_settings(profile)
    for analyzer in [*analysis["analyzer"].values(), *analysis["normalizer"].values()]:
        assert analyzer.get("tokenizer", "standard") in BUILT_IN_TOKENIZERS
        for name in analyzer["filter"]:
            assert name in BUILT_IN_FILTERS or name in analysis["filter"], name
        for name in analyzer["char_filter"]:
            assert name in analysis["char_filter"], name
    if profile != "smartcn":
        assert "smartcn_stop" not in json.dumps(analysis)
    if profile != "ik":
        assert "ik_" not in json.dumps(analysis)


def test_docnum_normalizer(profile):
    analysis = analysis_settings(profile, [])
    assert analysis["normalizer"][DOCNUM_NORMALIZER] == {
        "type": "custom",
        "char_filter": ["zh_fullwidth", "zh_brackets", "zh_docnum_parens", "zh_strip_whitespace"],
        "filter": ["lowercase"],
    }
    assert keyword_field_mapping() == {"type": "keyword", "normalizer": "docnum_normalizer", "ignore_above": 256}


def _apply_normalizer(analysis, text):
    """Apply the docnum normalizer the way Elasticsearch would (one-char mappings)."""
    for name in analysis["normalizer"][DOCNUM_NORMALIZER]["char_filter"]:
        char_filter = analysis["char_filter"][name]
        if char_filter["type"] == "mapping":
            table = {}
            for rule in char_filter["mappings"]:
                source, target = (part.strip() for part in rule.split("=>"))
                assert len(source) == 1 and len(target) == 1, rule
                table[source] = target
            text = "".join(table.get(c, c) for c in text)
        else:
            assert char_filter["type"] == "pattern_replace"
            pattern = char_filter["pattern"].replace("\\u3000", "\u3000").replace("\\u00a0", "\u00a0")
            text = re.sub(pattern, char_filter["replacement"], text)
    return text.lower()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("荆政办文〔2020〕6号", "荆政办文〔2020〕6号"),
        ("荆政办文[2020]6号", "荆政办文〔2020〕6号"),
        ("荆政办文［２０２０］６号", "荆政办文〔2020〕6号"),
        ("荆政办文【2020】 6号", "荆政办文〔2020〕6号"),
        ("荆政办文（2020）6号", "荆政办文〔2020〕6号"),
        ("荆政办文 (2020)\u30006号", "荆政办文〔2020〕6号"),
        ("１１４２０８００ＭＢ１２３４５６７Ｘ／２０２４－０００１２", "11420800mb1234567x/2024-00012"),
        (" 11420800MB1234567X/2024-00012 ", "11420800mb1234567x/2024-00012"),
    ],
)
def test_docnum_normalizer_output(typed, expected):
    assert _apply_normalizer(analysis_settings("cjk", []), typed) == expected


def test_text_field_mapping(profile):
    assert text_field_mapping(profile) == {
        "type": "text",
        "analyzer": "zh_index",
        "search_analyzer": "zh_search",
        "fields": {"bigram": {"type": "text", "analyzer": "zh_bigram", "search_analyzer": "zh_bigram"}},
    }


def test_index_settings_and_json(profile):
    settings = index_settings(profile)
    assert settings == {"analysis": analysis_settings(profile)}
    assert json.loads(json.dumps(settings, ensure_ascii=False)) == settings


@pytest.mark.parametrize("function", [analysis_settings, text_field_mapping, autocomplete_field_mapping])
def test_unknown_profile(function):
    with pytest.raises(ValueError, match="Unknown analyzer profile"):
        function("jieba")
    with pytest.raises(ValueError):
        function("IK")
