"""import_catalogue / export_catalogue: valid files, bad lines, dry runs, successors, round trip."""

import json
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from wagtail.search.models import IndexEntry

import pytest

from disclosure.models import DocumentSuccessor, InterpretationPage, Organisation, PolicyDocumentPage

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
