"""Elasticsearch backend, tier 1: golden tests of index settings, mappings and query bodies.

No server is needed: the client is created but never contacted.
"""

import pytest

from disclosure.models import PolicyDocumentPage
from search.backends.elasticsearch import ChineseElasticsearch8SearchBackend
from search.elasticsearch_analysis import analysis_settings, text_field_mapping

pytestmark = pytest.mark.django_db

DOC = "disclosure_policydocumentpage__"


def backend(profile="ik", **params):
    return ChineseElasticsearch8SearchBackend(
        {"URLS": ["http://es.invalid:9200"], "INDEX_PREFIX": "t_", "ANALYZER_PROFILE": profile, **params}
    )


@pytest.mark.parametrize("profile", ["ik", "smartcn", "cjk"])
def test_index_settings_carry_profile_analysis(profile):
    settings = backend(profile).settings["settings"]
    expected = analysis_settings(profile)
    for section in ("char_filter", "filter", "analyzer", "normalizer"):
        for name, definition in expected[section].items():
            assert settings["analysis"][section][name] == definition
    # modelsearch's own settings are kept.
    assert settings["index"]["max_ngram_diff"] == 12
    assert "edgengram_analyzer" in settings["analysis"]["analyzer"]


def test_ik_uses_max_word_to_index_and_smart_to_search():
    analyzers = backend("ik").settings["settings"]["analysis"]["analyzer"]
    assert analyzers["zh_index"]["tokenizer"] == "ik_max_word"
    assert analyzers["zh_search"]["tokenizer"] == "ik_smart"
    assert analyzers["zh_search"]["filter"][-1] == "zh_synonyms"


def test_unknown_profile_rejected():
    with pytest.raises(ValueError, match="Unknown analyzer profile"):
        backend("standard")


@pytest.mark.parametrize("profile", ["ik", "cjk"])
def test_mapping_every_text_field_analysed(profile):
    properties = backend(profile).mapping_class(PolicyDocumentPage).get_mapping()["properties"]
    expected = text_field_mapping(profile)
    text_fields = {name: m for name, m in properties.items() if m.get("type") == "text"}
    assert "_all_text" in text_fields and "_all_text_boost_3_0" in text_fields
    for name, mapping in text_fields.items():
        if name.endswith("_edgengrams"):
            assert mapping["analyzer"] == "zh_autocomplete_index"
            assert mapping["search_analyzer"] == "zh_autocomplete_search"
            continue
        assert mapping["analyzer"] == expected["analyzer"] == "zh_index", name
        assert mapping["search_analyzer"] == "zh_search", name
        assert mapping["fields"]["bigram"]["analyzer"] == "zh_bigram", name
    # Nested related fields too.
    organisation = properties[DOC + "organisation"]["properties"]["name"]
    assert organisation["analyzer"] == "zh_index"


def test_mapping_golden_policy_fields():
    properties = backend("cjk").mapping_class(PolicyDocumentPage).get_mapping()["properties"]
    assert properties[DOC + "document_number"] == {
        "type": "text",
        "analyzer": "zh_index",
        "search_analyzer": "zh_search",
        "fields": {
            "bigram": {"type": "text", "analyzer": "zh_bigram", "search_analyzer": "zh_bigram"},
            "keyword": {"type": "keyword", "normalizer": "docnum_normalizer", "ignore_above": 256},
        },
        "copy_to": ["_all_text", "_all_text_boost_3_0"],
    }
    assert properties["_edgengrams"] == {
        "type": "text",
        "analyzer": "zh_autocomplete_index",
        "search_analyzer": "zh_autocomplete_search",
    }
    assert properties[DOC + "validity_filter"] == {"type": "keyword"}
    assert properties[DOC + "attachment_text"]["copy_to"] == "_all_text"


def query_body(q, **kwargs):
    b = backend("cjk")
    compiler = b.search(q, PolicyDocumentPage.objects.all(), **kwargs).query_compiler
    return compiler.get_query()


def test_query_body_plain_text():
    query = query_body("信息公开")
    inner = query["bool"]["must"]
    assert inner == {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": "信息公开",
                        "operator": "and",
                        "fields": ["_all_text", "_all_text_boost_2_0^2.0", "_all_text_boost_3_0^3.0"],
                    }
                },
                {
                    "multi_match": {
                        "query": "信息公开",
                        "fields": [
                            "_all_text.bigram",
                            "_all_text_boost_2_0.bigram^2.0",
                            "_all_text_boost_3_0.bigram^3.0",
                        ],
                        "type": "phrase",
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }
    assert query["bool"]["filter"] == {"match": {"_django_content_type": "disclosure.PolicyDocumentPage"}}


def test_query_body_synonyms_and_docnum():
    should = query_body("低保")["bool"]["must"]["bool"]["should"]
    assert [c["multi_match"]["query"] for c in should if "operator" in c.get("multi_match", {})] == [
        "低保",
        "最低生活保障",
    ]
    should = query_body("示政办发[2024]3号")["bool"]["must"]["bool"]["should"]
    assert should[-1] == {"term": {DOC + "document_number.keyword": {"value": "示政办发[2024]3号", "boost": 100.0}}}
    should = query_body("11420800MB1234567X/2024-00012")["bool"]["must"]["bool"]["should"]
    assert should[-1]["term"] == {
        DOC + "index_number.keyword": {"value": "11420800MB1234567X/2024-00012", "boost": 100.0}
    }


def test_autocomplete_body_uses_edgengrams():
    b = backend("cjk")
    compiler = b.autocomplete("最低生活", PolicyDocumentPage.objects.all()).query_compiler
    inner = compiler.get_inner_query()
    assert inner == {"match": {"_edgengrams": {"query": "最低生活", "operator": "and"}}}
