"""The site's search on a real OpenSearch node: index settings, analysis, queries, updates."""

import io
import re
import threading
import time

from django.core.management import call_command

import pytest

from bench.search import generate_documents
from disclosure.builders import add_document
from disclosure.models import PolicyDocumentPage
from search.query import SearchParams, search
from search.tests.engine.conftest import NODE_PROFILES

pytestmark = pytest.mark.django_db

DOCNUM_FIELD = "disclosure_policydocumentpage__document_number.keyword"

SEGMENTED = {
    "icu": ["政府", "信息", "公开", "工作"],
    "smartcn": ["政府", "信息", "公开", "工作"],
    "cjk": ["政府", "府信", "信息", "息公", "公开", "开工", "工作"],
}
TOKENIZERS = {"icu": "icu_tokenizer", "smartcn": "smartcn_tokenizer", "cjk": "standard"}


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def count_of(html):
    """The 共 N 条 total the results page shows."""
    found = re.search(r"共 (\d+) 条", html)
    assert found, html[-3000:]
    return int(found.group(1))


def titles(query, **kwargs):
    return {p.title for p in PolicyDocumentPage.objects.live().search(query, **kwargs)}


@pytest.mark.parametrize("engine", NODE_PROFILES, indirect=True)
def test_index_settings_accepted_and_text_segmented(engine):
    index = engine.page_index()
    assert index.is_alias()
    (settings,) = engine.client.indices.get_settings(index=index.name).values()
    analysis = settings["settings"]["index"]["analysis"]
    assert analysis["analyzer"]["zh_index"]["tokenizer"] == TOKENIZERS[engine.backend.analyzer_profile]
    assert "docnum_normalizer" in analysis["normalizer"]
    assert engine.analyze("zh_index", "政府信息公开工作") == SEGMENTED[engine.backend.analyzer_profile]
    # Full-width letters and digits are folded by the char filter before segmentation.
    assert "2024" in engine.analyze("zh_index", "２０２４年")


@pytest.mark.parametrize("engine", NODE_PROFILES, indirect=True)
def test_queries_per_profile(engine, documents):
    engine.refresh()
    assert titles("信息公开") == {"示例市2024年政府信息公开工作要点"}
    assert titles("公积金提取") == {"示例市住房公积金提取管理暂行规定"}
    assert titles("气象灾害预警") == set()
    assert titles("示例市") == {d.title for d in documents.values()}


@pytest.mark.parametrize("engine", NODE_PROFILES, indirect=True)
def test_synonyms_applied_by_the_engine(engine, documents):
    engine.refresh()
    # The search analyzer's synonym_graph filter expands 低保 inside the engine ...
    tokens = engine.analyze("zh_search", "低保")
    assert {"最低", "保障"} <= set(tokens), tokens
    # ... so a plain match query, with no expansion by the site, finds the 最低生活保障 document.
    body = {"query": {"match": {"_all_text": {"query": "低保", "operator": "and"}}}}
    hits = engine.client.search(index=engine.page_index().name, body=body)["hits"]["hits"]
    assert [h["_source"]["title"] for h in hits] == ["示例市城乡居民最低生活保障实施办法"]


def test_document_number_normaliser(engine, documents):
    engine.refresh()
    index = engine.page_index().name
    for typed in ("示房金[2019]2号", "示房金【2019】2号", "示房金（2019）2号", "示房金 ［２０１９］ ２号"):
        body = {"query": {"term": {DOCNUM_FIELD: typed}}}
        hits = engine.client.search(index=index, body=body)["hits"]["hits"]
        assert [h["_source"]["title"] for h in hits] == ["示例市住房公积金提取管理暂行规定"], typed
    # The site's search puts the document first whichever brackets were typed.
    for typed in ("示政办发[2024]3号", "示政办发（2024）3号", "示政办发【2024】3号"):
        results = list(PolicyDocumentPage.objects.live().search(typed))
        assert results[0].title == "示例市2024年政府信息公开工作要点", typed


def test_site_search_page(client, engine, documents, organisations, catalogue):
    engine.refresh()

    html = get(client, q="信息公开", type="policy")
    assert count_of(html) == 1
    assert "示例市2024年政府<mark>信息公开</mark>工作要点" in html
    assert "城乡居民<mark>最低生活保障</mark>实施办法" in get(client, q="低保")
    # Filters and facets.
    html = get(client, q="示例市", organisation=organisations["civil"].pk)
    assert count_of(html) == 1 and "最低生活保障" in html
    html = get(client, q="示例市", validity="repealed")
    assert count_of(html) == 1 and "住房公积金提取" in html
    html = get(client, q="示例市", type="policy", year="2024")
    assert count_of(html) == 1 and "信息公开工作要点" in html
    html = get(client, q="示例市", type="policy")
    assert '政府文件<span class="facet-count">（3）</span>' in html
    assert count_of(get(client, q="示例市", type="news")) == 0
    facets = PolicyDocumentPage.objects.live().search("示例市").facet("validity")
    assert dict(facets) == {"valid": 2, "repealed": 1}
    # Sort by date.
    html = get(client, q="示例市", type="policy", sort="date")
    assert html.index("信息公开工作要点") < html.index("最低生活保障") < html.index("住房公积金提取")

    add_document(catalogue, title="关于<script>alert(1)</script>的通知", organisation=organisations["office"])
    for i in range(12):
        add_document(catalogue, title=f"河长制工作通报第{i}期", organisation=organisations["office"])
    engine.refresh()
    # Highlighting escapes the title.
    html = get(client, q="通知")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Pagination.
    html = get(client, q="河长制")
    assert count_of(html) == 12 and 'aria-label="分页"' in html
    assert get(client, q="河长制", page=2).count('<li class="search-result') == 2


def test_autocomplete(client, engine, documents):
    engine.refresh()
    response = client.get("/search/autocomplete/", {"q": "最低生活"})
    assert response.status_code == 200
    assert [r["title"] for r in response.json()["results"]] == ["示例市城乡居民最低生活保障实施办法"]
    assert [p.title for p in PolicyDocumentPage.objects.live().autocomplete("住房公积金")] == [
        "示例市住房公积金提取管理暂行规定"
    ]


def test_question_ranks_the_page_that_answers_it_first(engine, catalogue, organisations):
    """多长时间 asks for a time limit: the page stating one (二十个工作日内) ranks above a page about the same words."""
    office = organisations["office"]
    report = add_document(
        catalogue,
        title="示例市2025年政府信息公开工作年度报告",
        organisation=office,
        body="本年度收到政府信息公开申请一百二十件，政府信息公开工作总体平稳。",
    )
    rules = add_document(
        catalogue,
        title="示例市依申请公开办理规范",
        organisation=office,
        body="行政机关收到政府信息公开申请，应当自收到之日起二十个工作日内予以答复。",
    )
    engine.refresh()

    def ranked(query):
        return [page.pk for page in search(SearchParams(query=query, type="policy")).results][:2]

    # The words alone: the report, whose title holds 政府信息公开, ranks first ...
    assert ranked("申请政府信息公开") == [report.pk, rules.pk]
    # ... the question, which drops 多长时间 but keeps its cues (工作日, 期限), ranks the time limit first.
    assert ranked("申请政府信息公开需要多长时间") == [rules.pk, report.pk]


def test_unpublish_and_delete_remove_from_results(client, engine, documents):
    engine.refresh()
    assert titles("信息公开") == {"示例市2024年政府信息公开工作要点"}
    documents["plan"].unpublish()
    documents["dibao"].delete()
    engine.refresh()
    assert titles("信息公开") == set()
    assert titles("低保") == set()
    assert "没有找到相关结果" in get(client, q="最低生活保障")
    body = {"query": {"match": {"title": "最低生活保障"}}}
    assert engine.client.search(index=engine.page_index().name, body=body)["hits"]["total"]["value"] == 0


def test_demo_site_bulk_indexed(client, engine, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    engine.rebuild()
    from wagtail.models import Page

    live = Page.objects.live().public().count()
    count = engine.client.count(index=engine.page_index().name)["count"]
    assert count >= live > 30
    assert "公积金" in get(client, q="公积金提取")
    html = get(client, q="示政办发[2024]3号")
    assert "文号/索引号匹配" in html


def test_synthetic_catalogue_of_10000(engine, catalogue):
    generate_documents(catalogue, 10_000)
    start = time.perf_counter()
    engine.rebuild()
    seconds = time.perf_counter() - start
    print(f"\n10,000 synthetic documents indexed in {seconds:.1f} s ({10_000 / seconds:.0f} docs/s)")  # noqa: T201
    index = engine.page_index().name
    assert engine.client.count(index=index)["count"] >= 10_000
    results = PolicyDocumentPage.objects.live().search("住房公积金")
    assert results.count() > 100
    first = list(results[:10])
    assert len(first) == 10 and all("公积金" in p.title or "公积金" in str(p.body) for p in first)
    second = list(results[10:20])
    assert not {p.pk for p in first} & {p.pk for p in second}


def test_atomic_rebuild_while_querying(engine, documents):
    engine.refresh()
    index = engine.page_index()
    before = {i.name for i in index.aliased_indices()}
    body = {"query": {"match": {"_all_text": "示例市"}}}
    expected = engine.client.search(index=index.name, body=body)["hits"]["total"]["value"]
    assert expected == 4  # the home page and the three documents
    errors, answers = [], []
    stop = threading.Event()

    def query():
        while not stop.is_set():
            try:
                answers.append(engine.client.search(index=index.name, body=body)["hits"]["total"]["value"])
            except Exception as exc:  # noqa: BLE001 - every failed query is collected and asserted absent
                errors.append(repr(exc))

    thread = threading.Thread(target=query)
    thread.start()
    try:
        for _ in range(3):
            call_command("update_index", backend_name="default", stdout=io.StringIO())
    finally:
        stop.set()
        thread.join()
    after = {i.name for i in index.aliased_indices()}
    assert errors == []
    assert len(answers) > 10 and set(answers) == {expected}
    assert len(before) == len(after) == 1 and before != after
    assert not engine.client.indices.exists(index=next(iter(before)))
    # Loaded without refreshes, replicas or a translog sync per request; served with the defaults.
    (served,) = after
    served_settings = engine.client.indices.get_settings(index=served)[served]["settings"]["index"]
    assert "refresh_interval" not in served_settings
    assert served_settings["number_of_replicas"] == "1"
    assert "translog" not in served_settings
