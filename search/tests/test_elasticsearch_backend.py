"""Elasticsearch backend, tier 1: golden tests of index settings, mappings and query bodies.

No server is needed: the client is created but never contacted.
"""

import threading
import time

from django.core.files.base import ContentFile

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseMapping
from modelsearch.index import get_indexed_models
from wagtail.documents import get_document_model

import pytest

from disclosure.factories import (
    AnnualReportIndexPageFactory,
    AnnualReportPageFactory,
    DisclosureGuidePageFactory,
    InterpretationIndexPageFactory,
    InterpretationPageFactory,
)
from disclosure.models import AnnualReportPage, DocumentAttachment, Organisation, PolicyDocumentPage
from home.factories import NewsIndexPageFactory, NewsPageFactory
from home.models import NewsPage
from search.backends.elasticsearch import ChineseElasticsearch8SearchBackend
from search.backends.elasticsearch_rebuild import BULK_IN_FLIGHT, PipelinedBulkIndex
from search.elasticsearch_analysis import analysis_settings, text_field_mapping
from search.query import CuedText

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
        elif name.startswith("_all_text"):
            # What a search without fields queries: segmented, with a bigram sub-field.
            assert mapping == expected, name
        else:
            # A field's own column, copied into the catch-all fields: analysed once, in bigrams.
            assert mapping["analyzer"] == mapping["search_analyzer"] == "zh_bigram", name
            assert "bigram" not in mapping.get("fields", {}), name
            assert "_all_text" in mapping["copy_to"], name
    # Nested related fields too.
    organisation = properties[DOC + "organisation"]["properties"]["name"]
    assert organisation["analyzer"] == "zh_bigram"
    assert organisation["copy_to"] == "_all_text"


def test_mapping_golden_policy_fields():
    properties = backend("cjk").mapping_class(PolicyDocumentPage).get_mapping()["properties"]
    assert properties[DOC + "document_number"] == {
        "type": "text",
        "analyzer": "zh_bigram",
        "search_analyzer": "zh_bigram",
        "fields": {"keyword": {"type": "keyword", "normalizer": "docnum_normalizer", "ignore_above": 256}},
        "copy_to": ["_all_text", "_all_text_boost_3_0"],
    }
    assert properties["_all_text_boost_3_0"] == text_field_mapping("cjk")
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


CATCH_ALL = ["_all_text", "_all_text_boost_2_0^2.0", "_all_text_boost_3_0^3.0"]
CATCH_ALL_BIGRAMS = ["_all_text.bigram", "_all_text_boost_2_0.bigram^2.0", "_all_text_boost_3_0.bigram^3.0"]


def text_clause(body):
    """The text match of a compiled query, below the title tier and beside any exact 文号 clause."""
    inner = body["bool"]["must"]
    if "minimum_should_match" in inner.get("bool", {}) and "dis_max" in inner["bool"]["should"][0]:
        inner = inner["bool"]["should"][0]  # [text, exact 文号 clause]
    return inner["dis_max"]["queries"][1] if "dis_max" in inner else inner


def variant_match(variant):
    """A synonym variant's match, without the title words' extra score."""
    return variant["bool"]["must"][0]


def test_query_body_plain_text():
    query = query_body("信息公开")
    # Every bigram of each word in the title, in any order (the embedded title tier's match).
    in_title = {"match": {"title": {"query": "信息公开", "operator": "and"}}}
    assert query["bool"]["must"] == {
        "dis_max": {
            "queries": [
                # The title tier: a title holding every word ranks above every other page.
                {"bool": {"must": [in_title], "should": [{"constant_score": {"filter": in_title, "boost": 1000.0}}]}},
                {
                    "bool": {
                        "should": [
                            {
                                "bool": {
                                    "must": [
                                        {
                                            "bool": {
                                                "should": [
                                                    {
                                                        "multi_match": {
                                                            "query": "信息公开",
                                                            "operator": "and",
                                                            "fields": CATCH_ALL,
                                                        }
                                                    },
                                                    {"match_phrase": {"_all_text.bigram": "信息公开"}},
                                                ]
                                            }
                                        }
                                    ],
                                    # Each word the title holds adds the same score, however long.
                                    "should": [{"constant_score": {"filter": in_title, "boost": 15.0}}],
                                }
                            },
                            {"multi_match": {"query": "信息公开", "fields": CATCH_ALL_BIGRAMS, "type": "phrase"}},
                        ],
                        "minimum_should_match": 1,
                    }
                },
            ]
        }
    }
    assert query["bool"]["filter"] == {"match": {"_django_content_type": "disclosure.PolicyDocumentPage"}}


def test_query_body_title_tier_holds_every_word_of_a_variant():
    tier = query_body("提取住房公积金")["bool"]["must"]["dis_max"]["queries"][0]
    words = [
        {"match": {"title": {"query": "提取", "operator": "and"}}},
        {"match": {"title": {"query": "住房公积金", "operator": "and"}}},
    ]
    assert tier["bool"]["must"][0]["dis_max"]["queries"][0] == {"bool": {"must": words}}
    # Fields given: no tier, the text match alone.
    assert "dis_max" not in query_body("提取", fields=["title", "body"])["bool"]["must"]


def test_query_body_every_word_as_a_phrase_of_bigrams():
    """The embedded backends' match: 提取住房公积金 finds 住房公积金提取 (the engine's segmenter cuts them apart)."""
    per_variant = text_clause(query_body("提取住房公积金"))["bool"]["should"][0]["dis_max"]["queries"]
    assert variant_match(per_variant[0])["bool"]["should"][1] == {
        "bool": {
            "must": [
                {"match_phrase": {"_all_text.bigram": "提取"}},
                {"match_phrase": {"_all_text.bigram": "住房公积金"}},
            ]
        }
    }
    # A one-character word: by itself or beside its neighbour in the query.
    contains = variant_match(text_clause(query_body("申请低保的条件"))["bool"]["should"][0]["dis_max"]["queries"][0])
    assert contains["bool"]["should"][1]["bool"]["must"][2] == {
        "bool": {
            "should": [
                {"match_phrase": {"_all_text.bigram": "的"}},
                {"match_phrase": {"_all_text.bigram": "保的"}},
                {"match_phrase": {"_all_text.bigram": "的条"}},
            ]
        }
    }
    # Fields given: their own columns hold the bigrams.
    should = query_body("提取", fields=["title", "body"])["bool"]["must"]["bool"]["should"]
    assert should[1]["multi_match"]["fields"] == ["title^2", DOC + "body"]
    assert should[0]["bool"]["should"][1] == {
        "multi_match": {"query": "提取", "fields": ["title", DOC + "body"], "type": "phrase"}
    }


def test_query_body_synonyms_and_docnum():
    variants = text_clause(query_body("低保"))["bool"]["should"][0]["dis_max"]["queries"]
    assert [variant_match(v)["bool"]["should"][0]["multi_match"]["query"] for v in variants] == ["低保", "最低生活保障"]
    should = query_body("示政办发[2024]3号")["bool"]["must"]["bool"]["should"]
    assert should[-1] == {
        "constant_score": {"filter": {"term": {DOC + "document_number.keyword": "示政办发[2024]3号"}}, "boost": 1e6}
    }
    should = query_body("11420800MB1234567X/2024-00012")["bool"]["must"]["bool"]["should"]
    assert should[-1]["constant_score"]["filter"] == {
        "term": {DOC + "index_number.keyword": "11420800MB1234567X/2024-00012"}
    }


def test_query_body_question_cues_multiply_the_score_of_pages_holding_one():
    plain = query_body("申请 政府信息公开")
    cued = query_body(CuedText("申请 政府信息公开", ("工作日", "期限")))
    scored = cued["bool"]["must"]["function_score"]
    # What is found does not change: the same query, its score multiplied for a page holding a cue.
    assert scored["query"] == plain["bool"]["must"]
    assert scored["functions"] == [
        {
            "filter": {
                "bool": {
                    "should": [
                        {"match_phrase": {"_all_text.bigram": "工作日"}},
                        {"match_phrase": {"_all_text.bigram": "期限"}},
                    ],
                    "minimum_should_match": 1,
                }
            },
            "weight": 1.5,
        }
    ]
    assert scored["boost_mode"] == "multiply"
    # A 文号 clause stays outside, above everything.
    should = query_body(CuedText("示政办发[2024]3号", ("期限",)))["bool"]["must"]["bool"]["should"]
    assert "function_score" in should[0] and should[-1]["constant_score"]["boost"] == 1e6


def test_autocomplete_body_uses_edgengrams():
    b = backend("cjk")
    compiler = b.autocomplete("最低生活", PolicyDocumentPage.objects.all()).query_compiler
    inner = compiler.get_inner_query()
    assert inner == {"match": {"_edgengrams": {"query": "最低生活", "operator": "and"}}}


def test_documents_are_modelsearch_documents(settings, tmp_path, home_page, documents, organisations):
    """The planned documents equal modelsearch's own, for every object of every indexed model."""
    settings.MEDIA_ROOT = str(tmp_path)
    document = get_document_model()(title="政府信息公开指南")
    document.file.save("zhinan.txt", ContentFile("依申请公开".encode()), save=False)
    document.save()
    document.tags.add("信息公开", "指南")
    documents["plan"].attachments.add(DocumentAttachment(document=document))
    documents["plan"].save_revision().publish()
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news)
    InterpretationPageFactory(parent=InterpretationIndexPageFactory(parent=home_page), policies=[documents["dibao"]])
    DisclosureGuidePageFactory(parent=home_page, organisation=organisations["office"])
    AnnualReportPageFactory(parent=AnnualReportIndexPageFactory(parent=home_page), organisation=organisations["office"])
    mapping_class = backend("smartcn").mapping_class
    compared = set()
    for model in get_indexed_models():
        mapping = mapping_class(model)
        for obj in model.get_indexed_objects():
            assert mapping.get_document(obj) == ElasticsearchBaseMapping.get_document(mapping, obj), (model, obj.pk)
            compared.add(model)
    assert {PolicyDocumentPage, get_document_model(), Organisation, NewsPage, AnnualReportPage} <= compared


def test_rebuild_keeps_two_bulk_requests_in_flight(documents):
    """Chunks are sent two at a time while the next is built; a failed request is raised, not lost."""
    lock, running, most, sent = threading.Lock(), [0], [0], []

    def bulk(client, actions, index):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
            sent.extend(action["_id"] for action in actions)
        if any(action["title"] == "fail" for action in actions):
            raise RuntimeError("bulk failed")

    b = backend("smartcn")
    b.bulk = bulk
    index = PipelinedBulkIndex(b.get_index_for_model(PolicyDocumentPage))
    pages = list(PolicyDocumentPage.objects.order_by("pk")) * 2
    for page in pages:
        index.add_items(PolicyDocumentPage, [page])
    index.close()
    assert most[0] == BULK_IN_FLIGHT == 2
    assert sorted(sent) == sorted(str(page.pk) for page in pages)

    index = PipelinedBulkIndex(b.get_index_for_model(PolicyDocumentPage))
    failing = PolicyDocumentPage.objects.first()
    failing.title = "fail"
    index.add_items(PolicyDocumentPage, [failing])
    with pytest.raises(RuntimeError, match="bulk failed"):
        index.close()
