"""The disclosure demo loads what the walkthrough needs, and loading it twice changes nothing."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from disclosure import demo
from disclosure.models import (
    AnnualReportPage,
    CatalogueIndexPage,
    DocumentSuccessor,
    InterpretationPage,
    Organisation,
    PolicyDocumentPage,
)
from home import demo as home_demo


@pytest.fixture
def demo_site(db, settings, tmp_path, reference_data):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = str(tmp_path / "media")
    context = {}
    home_demo.load(context, StringIO())
    demo.load(context, StringIO())
    Site.objects.update(hostname="testserver")
    return context


def test_demo_is_idempotent_and_complete(demo_site, client):
    pages, successors = Page.objects.count(), DocumentSuccessor.objects.count()
    demo.load(dict(demo_site), StringIO())
    assert Page.objects.count() == pages
    assert DocumentSuccessor.objects.count() == successors

    assert demo_site["disclosure_index"].title == "政府信息公开"
    assert demo_site["disclosure_index"].show_in_menus
    assert demo_site["interpretation_index"].title == "政策解读"
    assert demo_site["interpretation_index"].get_parent().pk == demo_site["home"].pk
    assert demo_site["catalogue"].title == "政府信息公开目录"
    assert PolicyDocumentPage.objects.live().count() >= 60
    assert InterpretationPage.objects.live().count() >= 10
    assert set(PolicyDocumentPage.objects.values_list("validity", flat=True)) == {
        "valid",
        "amended",
        "repealed",
        "expired",
    }
    assert PolicyDocumentPage.objects.filter(title__contains="最低生活保障").exists()
    assert set(AnnualReportPage.objects.values_list("year", flat=True)) == {2024, 2025}
    for name, short in (("示例市财政局", "市财政局"), ("示例市教育局", "市教育局")):
        org = Organisation.objects.get(name=name, short_name=short)
        assert CatalogueIndexPage.objects.child_of(demo_site["catalogue"]).filter(organisation=org).exists()
        assert demo_site["organisations"][name] == org

    # The walkthrough: filter, open a document with its interpretation, follow a repealed one to its successor.
    dibao = PolicyDocumentPage.objects.get(slug="dibao-banfa-2023")
    subject = dibao.subject
    listing = client.get(demo_site["catalogue"].url, {"subject": subject.pk, "year": 2023})
    assert dibao.title in listing.content.decode()
    page = client.get(dibao.url).content.decode()
    assert "相关解读" in page
    old = client.get(PolicyDocumentPage.objects.get(slug="dibao-banfa-2019").url).content.decode()
    assert "本文件已废止" in old and dibao.url in old
    report = AnnualReportPage.objects.get(year=2025)
    assert report.carry_over_warnings() == []
    assert client.get(report.url).status_code == 200


@pytest.mark.django_db
def test_seed_catalogue_adds_synthetic_documents(catalogue, organisations, reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    out = StringIO()
    call_command("seed_catalogue", "--documents", "30", stdout=out)
    assert "已生成 30 件文件" in out.getvalue()
    assert PolicyDocumentPage.objects.live().count() == 30
    assert PolicyDocumentPage.objects.exclude(index_number="").count() == 30
    # A second run adds 30 more (new 文号), not the same 30 again.
    call_command("seed_catalogue", "--documents", "30", stdout=out)
    assert PolicyDocumentPage.objects.count() == 60
    assert PolicyDocumentPage.objects.values("document_number").distinct().count() == 60
