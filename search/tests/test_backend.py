"""The segmented embedded backend, through the real database (SQLite or PostgreSQL)."""

import pytest

from disclosure.models import PolicyDocumentPage
from search.models import Synonym

pytestmark = pytest.mark.django_db


def titles(results):
    return [r.title for r in results]


def search(query, model=PolicyDocumentPage, **kwargs):
    return list(model.objects.live().search(query, **kwargs))


def test_word_inside_longer_word(documents):
    assert titles(search("信息公开")) == ["示例市2024年政府信息公开工作要点"]


def test_single_character_and_unrelated(documents):
    assert search("气象灾害预警") == []
    assert "示例市城乡居民最低生活保障实施办法" in titles(search("保障"))


@pytest.mark.parametrize(
    "query",
    [
        "示政办发〔2024〕3号",
        "示政办发[2024]3号",
        "示政办发【2024】3号",
        "示政办发（2024）3号",
        "示政办发［２０２４］ ３ 号",
        "示政办发(2024)第3号",
    ],
)
def test_document_number_any_bracket(documents, query):
    results = search(query)
    assert results and results[0].pk == documents["plan"].pk


@pytest.mark.parametrize("query", ["11420800MB1234567X/2024-00012", "2024-00012", "11420800mb1234567x/2024-00012"])
def test_index_number(documents, query):
    assert titles(search(query)) == ["示例市2024年政府信息公开工作要点"]


def test_file_synonyms(documents):
    assert titles(search("低保")) == ["示例市城乡居民最低生活保障实施办法"]


def test_database_synonyms(documents):
    assert search("困难补助") == []
    Synonym.objects.create(terms="困难补助，最低生活保障")
    assert titles(search("困难补助")) == ["示例市城乡居民最低生活保障实施办法"]


def test_title_ranks_above_body(documents):
    results = search("公积金")
    assert results[0].pk == documents["old"].pk


def test_filters_and_count(documents, organisations):
    qs = PolicyDocumentPage.objects.live().filter(organisation=organisations["civil"])
    assert titles(qs.search("办法")) == ["示例市城乡居民最低生活保障实施办法"]
    assert PolicyDocumentPage.objects.live().search("示例市").count() == 3


def test_autocomplete_prefix(documents):
    results = list(PolicyDocumentPage.objects.live().autocomplete("最低生活"))
    assert titles(results) == ["示例市城乡居民最低生活保障实施办法"]


def test_rebuild_index(documents):
    from django.core.management import call_command

    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    assert search("信息公开") == []
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert titles(search("信息公开")) == ["示例市2024年政府信息公开工作要点"]
