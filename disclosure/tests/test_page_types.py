"""Where each disclosure page type may live, and that each can be created through the admin."""

import datetime

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from disclosure import factories
from disclosure.factories import AnnualReportIndexPageFactory, PolicyDocumentPageFactory
from disclosure.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    CatalogueIndexPage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    InterpretationIndexPage,
    InterpretationPage,
    PolicyDocumentPage,
)
from home.models import HomePage


class PageTypeRules(WagtailPageTestCase):
    def test_parents(self):
        self.assertAllowedParentPageTypes(DisclosureIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(CatalogueIndexPage, {DisclosureIndexPage, CatalogueIndexPage})
        self.assertAllowedParentPageTypes(PolicyDocumentPage, {CatalogueIndexPage})
        self.assertAllowedParentPageTypes(DisclosureGuidePage, {DisclosureIndexPage})
        self.assertAllowedParentPageTypes(AnnualReportPage, {AnnualReportIndexPage})
        self.assertAllowedParentPageTypes(InterpretationPage, {InterpretationIndexPage})
        self.assertAllowedParentPageTypes(
            InterpretationIndexPage, {HomePage, DisclosureIndexPage, InterpretationIndexPage}
        )

    def test_leaves_have_no_children(self):
        for model in (PolicyDocumentPage, InterpretationPage, DisclosureGuidePage, AnnualReportPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_one_disclosure_section_and_one_guide(self):
        assert DisclosureIndexPage.max_count_per_parent == 1
        assert DisclosureGuidePage.max_count_per_parent == 1


@pytest.fixture
def admin_tc(admin_user):
    """A WagtailPageTestCase instance, for its assertion helpers, logged in as the administrator."""
    case = WagtailPageTestCase()
    case._pre_setup()
    case.client.force_login(admin_user)
    yield case
    case._post_teardown()


def _create(admin_client, model, parent, data):
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return model.objects.child_of(parent).get(slug=data["slug"])


@pytest.mark.django_db
def test_create_section_pages_through_the_admin(admin_client, home_page, organisations):
    disclosure = _create(
        admin_client,
        DisclosureIndexPage,
        home_page,
        nested_form_data({"title": "政府信息公开", "slug": "xxgk", "intro": rich_text("依法公开。")}),
    )
    catalogue = _create(
        admin_client,
        CatalogueIndexPage,
        disclosure,
        nested_form_data({"title": "政府信息公开目录", "slug": "mulu", "intro": rich_text("")}),
    )
    department = _create(
        admin_client,
        CatalogueIndexPage,
        catalogue,
        nested_form_data(
            {"title": "市财政局目录", "slug": "cz", "intro": rich_text(""), "organisation": organisations["cz"].pk}
        ),
    )
    assert department.organisation == organisations["cz"]
    interpretations = _create(
        admin_client,
        InterpretationIndexPage,
        home_page,
        nested_form_data({"title": "政策解读", "slug": "zcjd", "intro": rich_text("")}),
    )
    assert interpretations.title == "政策解读"
    reports = _create(
        admin_client,
        AnnualReportIndexPage,
        disclosure,
        nested_form_data({"title": "政府信息公开年报", "slug": "nianbao", "intro": rich_text("")}),
    )
    assert reports.get_parent().pk == disclosure.pk
    guide = _create(
        admin_client,
        DisclosureGuidePage,
        disclosure,
        nested_form_data(
            {
                "title": "政府信息公开指南",
                "slug": "zhinan",
                "organisation": organisations["gov"].pk,
                "classification": rich_text("按主题分类。"),
                "obtaining": rich_text("网站查阅。"),
                "proactive_channels": rich_text("20个工作日内公开。"),
                "application": rich_text("20个工作日内答复，可延长20个工作日。"),
                "fees": rich_text("不收费。"),
                "supervision": rich_text("可申请行政复议。"),
                "revised_on": "",
            }
        ),
    )
    assert guide.organisation == organisations["gov"]


def _document_form(organisation, reference_data, **overrides):
    data = {
        "title": "示例市人民政府关于加强政务公开工作的意见",
        "slug": "zhengwu-gongkai-yijian",
        "document_number": "示政发〔2026〕9号",
        "organisation": organisation.pk,
        "formed_on": "2026-03-02",
        "published_at": "",
        "effective_on": "",
        "subject": reference_data["subjects"]["政务公开"].pk,
        "genre": reference_data["genres"]["意见"].pk,
        "rank": "normative",
        "disclosure_method": "proactive",
        "disclosure_scope": "public",
        "keywords": "政务公开",
        "summary": "提出加强政务公开的五项措施。",
        "validity": "valid",
        "invalid_from": "",
        "successors": inline_formset([]),
        "attachments": inline_formset([]),
        "body": streamfield([("paragraph", rich_text("各区县人民政府，市政府各部门：现提出如下意见。"))]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_editor_creates_and_publishes_a_document_and_sees_its_index_number(
    admin_client, catalogue, organisations, reference_data
):
    data = _document_form(organisations["gov"], reference_data)
    data["action-publish"] = "action-publish"
    response = admin_client.post(f"/admin/pages/add/disclosure/policydocumentpage/{catalogue.pk}/", data)
    assert response.status_code == 302
    page = PolicyDocumentPage.objects.get(slug="zhengwu-gongkai-yijian")
    assert page.live
    assert page.index_number == f"{organisations['gov'].unit_code}/2026-00001"
    assert page.published_at is not None
    assert page.document_number_normalised == "示政发〔2026〕9号"
    edit = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert page.index_number in edit.content.decode()


@pytest.mark.django_db
def test_summary_longer_than_300_characters_is_refused(admin_client, catalogue, organisations, reference_data):
    data = _document_form(organisations["gov"], reference_data, summary="字" * 301)
    response = admin_client.post(f"/admin/pages/add/disclosure/policydocumentpage/{catalogue.pk}/", data)
    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert not PolicyDocumentPage.objects.filter(slug="zhengwu-gongkai-yijian").exists()


@pytest.mark.django_db
def test_new_document_in_department_catalogue_defaults_to_its_organisation(admin_client, catalogue, organisations):
    department = factories.CatalogueIndexPageFactory(parent=catalogue, organisation=organisations["cz"])
    response = admin_client.get(f"/admin/pages/add/disclosure/policydocumentpage/{department.pk}/")
    assert response.context["form"]["organisation"].value() == organisations["cz"].pk


@pytest.mark.django_db
def test_interpretation_created_through_the_admin_links_to_its_policy(
    admin_client, interpretation_index, make_document
):
    policy = make_document(title="示例市低保办法")
    data = nested_form_data(
        {
            "title": "低保办法解读",
            "slug": "dibao-jiedu",
            "interpreted_policies": inline_formset([{"policy": policy.pk}], min=1),
            "form": "text",
            "organisation": "",
            "interpreter": "",
            "video_url": "",
            "published_at": "2026-03-05 10:00",
            "source": "",
            "author": "",
            "keywords": "",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("办法扩大了申请地范围。"))]),
        }
    )
    response = admin_client.post(f"/admin/pages/add/disclosure/interpretationpage/{interpretation_index.pk}/", data)
    assert response.status_code == 302
    page = InterpretationPage.objects.get(slug="dibao-jiedu")
    assert list(page.interpreted_policies.values_list("policy_id", flat=True)) == [policy.pk]


@pytest.mark.django_db
def test_interpretation_without_policy_is_refused(admin_client, interpretation_index):
    data = nested_form_data(
        {
            "title": "没有文件的解读",
            "slug": "no-policy",
            "interpreted_policies": inline_formset([], min=1),
            "form": "text",
            "published_at": "2026-03-05 10:00",
            "body": streamfield([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/disclosure/interpretationpage/{interpretation_index.pk}/", data)
    assert response.status_code == 200
    assert not InterpretationPage.objects.filter(slug="no-policy").exists()


@pytest.mark.django_db
def test_every_page_type_renders(client, home_page, catalogue, interpretation_index, organisations, reference_data):
    document = PolicyDocumentPageFactory(parent=catalogue, organisation=organisations["gov"])
    interpretation = factories.InterpretationPageFactory(parent=interpretation_index, policies=[document])
    guide = factories.DisclosureGuidePageFactory(parent=catalogue.get_parent(), organisation=organisations["gov"])
    reports = AnnualReportIndexPageFactory(parent=catalogue.get_parent())
    report = factories.AnnualReportPageFactory(parent=reports, organisation=organisations["gov"], year=2025)
    for page in (
        catalogue.get_parent(),
        catalogue,
        document,
        interpretation_index,
        interpretation,
        guide,
        reports,
        report,
    ):
        response = client.get(page.url)
        assert response.status_code == 200, page
        assert response.content.decode().count("<h1") == 1, page
    assert datetime.date.today().year >= 2025
