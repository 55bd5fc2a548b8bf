"""Factories of the disclosure models, shared by every app's tests."""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from core.identifiers import unified_social_credit_code
from disclosure.builders import body_blocks
from disclosure.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    CatalogueIndexPage,
    DisclosureGuidePage,
    DisclosureIndexPage,
    Genre,
    InterpretationIndexPage,
    InterpretationPage,
    InterpretedPolicy,
    Organisation,
    PolicyDocumentPage,
    SubjectCategory,
)


def make_unit_code(n):
    return unified_social_credit_code("11000000MB", n)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"示例市第{n}局")
    short_name = factory.Sequence(lambda n: f"第{n}局")
    unit_code = factory.Sequence(make_unit_code)
    office_name = "政务公开办公室"
    office_address = "示例市人民大道1号"
    office_phone = "0000-12345678"

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


class SubjectCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"测试分类{n}")

    class Meta:
        model = SubjectCategory


class GenreFactory(factory.django.DjangoModelFactory):
    name = "通知"

    class Meta:
        model = Genre
        django_get_or_create = ("name",)


class DisclosureIndexPageFactory(wagtail_factories.PageFactory):
    title = "政府信息公开"
    slug = factory.Sequence(lambda n: f"xxgk-{n}")

    class Meta:
        model = DisclosureIndexPage


class CatalogueIndexPageFactory(wagtail_factories.PageFactory):
    title = "政府信息公开目录"
    slug = factory.Sequence(lambda n: f"catalogue-{n}")

    class Meta:
        model = CatalogueIndexPage


class PolicyDocumentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"示例市人民政府关于第{n}项工作的通知")
    slug = factory.Sequence(lambda n: f"doc-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    formed_on = datetime.date(2026, 3, 2)
    published_at = factory.LazyFunction(timezone.now)
    summary = "本文件明确了相关工作的目标、任务和保障措施。"

    class Meta:
        model = PolicyDocumentPage


def publish_document(parent, *, title, organisation, body="", publish=True, **fields):
    """A document under ``parent`` with a plain-paragraph ``body``, published through a revision."""
    fields.setdefault("formed_on", datetime.date(2024, 3, 1))
    if "published_at" not in fields:
        formed = fields["formed_on"]
        fields["published_at"] = datetime.datetime(formed.year, formed.month, formed.day, 9, tzinfo=datetime.UTC)
    if body:
        fields["body"] = body_blocks(body)
    page = PolicyDocumentPageFactory(parent=parent, title=title, organisation=organisation, live=publish, **fields)
    if publish:
        page.save_revision().publish()
    return page


class InterpretationIndexPageFactory(wagtail_factories.PageFactory):
    title = "政策解读"
    slug = factory.Sequence(lambda n: f"zcjd-{n}")

    class Meta:
        model = InterpretationIndexPage


class InterpretationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"一图读懂第{n}项政策")
    slug = factory.Sequence(lambda n: f"jd-{n}")
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = InterpretationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def policies(self, create, extracted, **kwargs):
        for policy in extracted or []:
            InterpretedPolicy.objects.create(page=self, policy=policy)


class DisclosureGuidePageFactory(wagtail_factories.PageFactory):
    title = "政府信息公开指南"
    slug = factory.Sequence(lambda n: f"guide-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    classification = "<p>按主题、机构和体裁分类编排。</p>"
    obtaining = "<p>可通过政府网站、公开查阅点获取。</p>"
    proactive_channels = "<p>自信息形成或变更之日起20个工作日内公开。</p>"
    application = "<p>收到申请之日起20个工作日内答复，需要延长的最长不超过20个工作日。</p>"
    supervision = "<p>可依法申请行政复议或提起行政诉讼。</p>"

    class Meta:
        model = DisclosureGuidePage


class AnnualReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "政府信息公开年报"
    slug = factory.Sequence(lambda n: f"reports-{n}")

    class Meta:
        model = AnnualReportIndexPage


class AnnualReportPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"第{n}号年度报告")
    slug = factory.Sequence(lambda n: f"report-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    year = 2025
    overview = "<p>全年政务公开工作有序推进。</p>"
    problems = "<p>解读形式仍较单一。</p>"
    other_matters = "<p>本年度未收取信息处理费。</p>"

    class Meta:
        model = AnnualReportPage
