"""import_catalogue / export_catalogue: valid files, bad lines, dry runs, successors, re-runs, round trip."""

import json
import re
from collections import Counter
from io import StringIO
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry
from wagtail.search.models import IndexEntry

import pytest

from disclosure.catalogue_io import Importer, import_catalogue
from disclosure.models import (
    DocumentAttachment,
    DocumentSuccessor,
    InterpretationPage,
    InterpretedPolicy,
    Organisation,
    PolicyDocumentPage,
)
from disclosure.synthetic import synthetic_lines

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_catalogue.jsonl"


@pytest.fixture
def site(catalogue, interpretation_index, organisations, reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return catalogue


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_catalogue", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_the_sample_file(site, organisations):
    out, err = run(str(SAMPLE))
    assert err == ""
    assert "文件 10 件，政策解读 2 篇" in out
    assert PolicyDocumentPage.objects.live().count() == 10
    kept = PolicyDocumentPage.objects.get(title="示例市城市公共停车场管理办法")
    assert kept.index_number == "11000000MB0000001X/2022-00077"  # given numbers are kept
    new = PolicyDocumentPage.objects.get(title="示例市机动车停放服务管理办法")
    assert new.index_number == f"{organisations['gov'].unit_code}/2025-00001"
    assert new.document_number == "示政规［２０２５］３号"  # stored as entered
    assert new.document_number_normalised == "示政规〔2025〕3号"
    assert new.published_at.date().isoformat() == "2025-04-11"
    assert new.first_published_at == new.published_at
    assert new.attachments.get().document.title == "停车收费标准"
    # replaces: the older documents now point to their successor
    link = DocumentSuccessor.objects.get(page=kept)
    assert link.successor == new
    assert link.relation == DocumentSuccessor.Relation.REPEALED_BY
    amended = PolicyDocumentPage.objects.get(document_number="示教规〔2021〕2号")
    assert amended.successors.get().relation == DocumentSuccessor.Relation.AMENDED_BY
    # interpretations link to the policies they interpret
    picture = InterpretationPage.objects.get(title="一图读懂普惠性民办幼儿园补助标准调整")
    assert picture.policies().count() == 2
    # department documents go to the department's sub-catalogue when there is one
    assert new.get_parent().pk == site.pk
    # indexed for search
    assert IndexEntry.objects.filter(object_id=str(new.pk)).exists()


@pytest.mark.django_db
def test_bad_lines_are_reported_and_import_nothing(site, tmp_path):
    good = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[2])
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({**good, "title": "未知机构的文件", "organisation": "示例市不存在局"}, ensure_ascii=False),
        json.dumps({**good, "title": "日期错误", "formed_on": "2025-13-40"}, ensure_ascii=False),
        json.dumps({**good, "title": "概述太长", "summary": "字" * 301}, ensure_ascii=False),
        json.dumps({**good, "title": "效力等级错误", "rank": "法律"}, ensure_ascii=False),
        json.dumps({**good, "title": "替代不存在的文件", "replaces": ["示政规〔1999〕1号"]}, ensure_ascii=False),
        json.dumps(
            {"type": "interpretation", "title": "没有文件的解读", "published_on": "2025-01-01", "interprets": []},
            ensure_ascii=False,
        ),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    out, err = run(str(path))
    assert "第 2 行：不是有效的 JSON" in err
    assert "第 3 行：未知的发布机构“示例市不存在局”" in err
    assert "第 4 行：formed_on 日期格式应为 YYYY-MM-DD" in err
    assert "第 5 行：summary 不能超过 300 个字" in err
    assert "第 6 行：rank 的取值“法律”无效" in err
    assert "第 7 行：replaces 中的文号“示政规〔1999〕1号”在目录中找不到" in err
    assert "第 8 行：政策解读必须在 interprets 中列出至少一个文号" in err
    assert "第 1 行" not in err
    assert list(PolicyDocumentPage.objects.values_list("title", flat=True)) == [good["title"]]
    assert not Organisation.objects.filter(name="示例市不存在局").exists()


@pytest.mark.django_db
def test_create_missing_creates_reference_data(site, tmp_path):
    good = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[2])
    path = tmp_path / "new.jsonl"
    path.write_text(
        json.dumps({**good, "organisation": "示例市审计局", "genre": "意见书"}, ensure_ascii=False), encoding="utf-8"
    )
    out, err = run(str(path), "--create-missing")
    assert err == ""
    assert "已新建发布机构：示例市审计局" in out
    page = PolicyDocumentPage.objects.get()
    assert page.organisation.name == "示例市审计局"
    assert page.genre.name == "意见书"


@pytest.mark.django_db
def test_dry_run_validates_without_writing(site):
    out, err = run(str(SAMPLE), "--dry-run")
    assert err == ""
    assert "校验通过（未写入）：文件 10 件，政策解读 2 篇" in out
    assert not PolicyDocumentPage.objects.exists()
    assert not InterpretationPage.objects.exists()


@pytest.mark.django_db
def test_export_round_trips(site, tmp_path):
    run(str(SAMPLE))
    exported = tmp_path / "export.jsonl"
    call_command("export_catalogue", "--output", str(exported), stderr=StringIO())
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 12
    by_title = {r["title"]: r for r in records}
    parking = by_title["示例市机动车停放服务管理办法"]
    assert parking["organisation"] == "示例市人民政府"
    assert parking["rank"] == "规章"
    assert parking["validity"] == "现行有效"
    assert parking["replaces"] == ["示政规〔2022〕6号"]
    assert parking["keywords"] == ["停车", "泊位"]
    assert by_title["一图读懂普惠性民办幼儿园补助标准调整"]["type"] == "interpretation"

    # Importing the export into an empty catalogue recreates the same documents.
    before = {
        p.index_number: (p.title, p.document_number, p.validity, p.formed_on) for p in PolicyDocumentPage.objects.all()
    }
    PolicyDocumentPage.objects.all().delete()
    InterpretationPage.objects.all().delete()
    out, err = run(str(exported))
    assert err == ""
    after = {
        p.index_number: (p.title, p.document_number, p.validity, p.formed_on) for p in PolicyDocumentPage.objects.all()
    }
    assert after == before
    assert DocumentSuccessor.objects.count() == 2
    assert InterpretationPage.objects.count() == 2


def catalogue_state():
    """Row counts of everything an import writes."""
    return {
        "pages": Page.objects.count(),
        "documents": PolicyDocumentPage.objects.count(),
        "interpretations": InterpretationPage.objects.count(),
        "attachments": DocumentAttachment.objects.count(),
        "files": get_document_model().objects.count(),
        "successors": DocumentSuccessor.objects.count(),
        "interpreted": InterpretedPolicy.objects.count(),
        "log": PageLogEntry.objects.count(),
        "index": IndexEntry.objects.count(),
    }


def assert_tree_is_sound():
    assert Page.find_problems() == ([], [], [], [], [])
    for parent in Page.objects.filter(numchild__gt=0):
        assert parent.get_children().count() == parent.numchild


def indexed_documents():
    ids = [str(pk) for pk in PolicyDocumentPage.objects.values_list("pk", flat=True)]
    return IndexEntry.objects.filter(object_id__in=ids).count()


def synthetic_file(tmp_path, organisations, count):
    names = [(o.name, o.short_name, o.short_name[:3] + "发") for o in organisations.values()]
    path = tmp_path / "synthetic.jsonl"
    path.write_text("".join(line + "\n" for line in synthetic_lines(count, names)), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_imported_pages_are_sound_logged_and_searchable(site, client):
    out, err = run(str(SAMPLE))
    assert err == ""
    assert_tree_is_sound()
    pages = list(PolicyDocumentPage.objects.all()) + list(InterpretationPage.objects.all())
    assert len(pages) == 12
    for page in pages:
        assert page.url_path == page.get_parent().url_path + page.slug + "/"
        assert page.draft_title == page.title and page.live and not page.has_unpublished_changes
        assert page.locale_id == site.locale_id
        assert not page.revisions.exists()  # as before: imported pages have no revision
    # One "wagtail.create" entry per page, under its own type, as Page.save() writes it.
    entries = PageLogEntry.objects.filter(action="wagtail.create", page__in=[p.pk for p in pages])
    assert sorted(e.page_id for e in entries) == sorted(p.pk for p in pages)
    by_page = {p.pk: p for p in pages}
    for entry in entries:
        assert entry.label == by_page[entry.page_id].title
        assert entry.content_type_id == by_page[entry.page_id].content_type_id
        assert entry.content_changed
    # The attachment is linked and its text indexed with the page.
    parking = PolicyDocumentPage.objects.get(title="示例市机动车停放服务管理办法")
    assert [a.document.title for a in parking.attachments.all()] == ["停车收费标准"]
    assert list(PolicyDocumentPage.objects.live().search("小型车")) == [parking]  # a word of the attachment only
    # The site search finds imported documents.
    html = client.get("/search/", {"q": "停车"}).content.decode()
    titles = [re.sub("<[^>]+>", "", t) for t in re.findall(r'class="result-title"><a [^>]*>(.*?)</a>', html)]
    assert "示例市机动车停放服务管理办法" in titles
    assert "示例市城市公共停车场管理办法" in titles


@pytest.mark.django_db
def test_index_entries_are_what_a_rebuild_writes(site):
    run(str(SAMPLE))
    ids = [str(pk) for pk in Page.objects.type(PolicyDocumentPage, InterpretationPage).values_list("pk", flat=True)]
    entries = IndexEntry.objects.filter(object_id__in=ids)
    fields = ("content_type_id", "object_id", "title", "autocomplete", "body")
    imported = set(entries.values_list(*fields))
    assert len(imported) == 12
    call_command("update_index", stdout=StringIO(), stderr=StringIO())
    assert set(entries.values_list(*fields)) == imported


@pytest.mark.django_db
def test_running_the_same_file_again_creates_nothing_and_reports_the_skips(site):
    run(str(SAMPLE))
    before = catalogue_state()
    out, err = run(str(SAMPLE))
    assert err == ""
    assert "已导入：文件 0 件，政策解读 0 篇；已存在，跳过 12 行；出错 0 行。" in out
    assert catalogue_state() == before
    out, err = run(str(SAMPLE), "--dry-run")
    assert "校验通过（未写入）：文件 0 件，政策解读 0 篇；已存在，跳过 12 行" in out
    out = StringIO()
    call_command("import_catalogue", str(SAMPLE), verbosity=2, stdout=out, stderr=StringIO())
    assert "第 1 行：已存在，跳过" in out.getvalue()


@pytest.mark.django_db
def test_a_line_repeated_in_the_file_is_imported_once(site, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "twice.jsonl"
    # The fourth sample line has no 索引号 (known by 机构, 标题, 文号, 成文日期), the first has one.
    path.write_text("\n".join([lines[0], lines[2], lines[3], lines[3], lines[0]]), encoding="utf-8")
    out, err = run(str(path))
    assert err == ""
    assert "文件 3 件，政策解读 0 篇；已存在，跳过 2 行" in out
    assert PolicyDocumentPage.objects.count() == 3


@pytest.mark.django_db
def test_an_index_number_of_another_document_is_still_an_error(site, tmp_path):
    run(str(SAMPLE))
    first = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    path = tmp_path / "clash.jsonl"
    path.write_text(json.dumps({**first, "title": "另一份文件"}, ensure_ascii=False), encoding="utf-8")
    out, err = run(str(path))
    assert f"第 1 行：索引号 {first['index_number']} 已存在" in err
    assert not PolicyDocumentPage.objects.filter(title="另一份文件").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("interruption", ["failure in a batch", "first half imported"])
def test_an_interrupted_import_run_again_has_each_document_once(
    site, organisations, tmp_path, monkeypatch, interruption
):
    path = synthetic_file(tmp_path, organisations, 60)
    monkeypatch.setattr(Importer, "BATCH", 10)
    if interruption == "failure in a batch":
        # The fourth batch fails once its pages are inserted: the three before it stay, nothing of it.
        index = Importer._index
        calls = []

        def failing_index(self, pages):
            calls.append(len(pages))
            if len(calls) == 4:
                raise RuntimeError("interrupted")
            index(self, pages)

        monkeypatch.setattr(Importer, "_index", failing_index)
        with pytest.raises(RuntimeError):
            import_catalogue(path)
        monkeypatch.setattr(Importer, "_index", index)
    else:
        half = tmp_path / "half.jsonl"
        half.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:30]), encoding="utf-8")
        import_catalogue(half)
    assert PolicyDocumentPage.objects.count() == 30
    created = PageLogEntry.objects.filter(action="wagtail.create", page__in=Page.objects.type(PolicyDocumentPage))
    assert created.count() == 30
    assert indexed_documents() == 30
    assert_tree_is_sound()

    report = import_catalogue(path)
    assert (report.created, len(report.skipped), report.errors) == (30, 30, [])
    assert report.skipped == list(range(1, 31))
    numbers = list(PolicyDocumentPage.objects.values_list("document_number", flat=True))
    assert len(numbers) == 60 and set(Counter(numbers).values()) == {1}
    index_numbers = set(PolicyDocumentPage.objects.values_list("index_number", flat=True))
    assert len(index_numbers) == 60 and "" not in index_numbers
    assert indexed_documents() == 60
    assert created.count() == 60
    assert_tree_is_sound()
    # The documents are those of the file, each once, and no index entry is left over from the failed batch.
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    stored = list(PolicyDocumentPage.objects.values_list("document_number", "title", "organisation__name"))
    assert sorted(stored) == sorted((d["document_number"], d["title"], d["organisation"]) for d in lines)
    document_type = ContentType.objects.get_for_model(PolicyDocumentPage)
    entries = IndexEntry.objects.filter(content_type=document_type).values_list("object_id", flat=True)
    assert sorted(entries) == sorted(str(pk) for pk in PolicyDocumentPage.objects.values_list("pk", flat=True))
