import datetime

import pytest

from disclosure.factories import OrganisationFactory, publish_document
from disclosure.models import CatalogueIndexPage, DisclosureIndexPage, SubjectCategory


@pytest.fixture
def catalogue(home_page):

    section = DisclosureIndexPage(title="政府信息公开", slug="xxgk")
    home_page.add_child(instance=section)
    section.save_revision().publish()
    catalogue = CatalogueIndexPage(title="政府信息公开目录", slug="ml")
    section.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    return catalogue


@pytest.fixture
def organisations(db):
    return {
        "office": OrganisationFactory(name="示例市人民政府办公室"),
        "civil": OrganisationFactory(name="示例市民政局"),
        "housing": OrganisationFactory(name="示例市住房公积金管理中心"),
    }


@pytest.fixture
def documents(catalogue, organisations):

    social = SubjectCategory.objects.create(name="社会保障")
    other = SubjectCategory.objects.create(name="综合政务")
    docs = {
        "plan": publish_document(
            catalogue,
            title="示例市2024年政府信息公开工作要点",
            organisation=organisations["office"],
            body="各区人民政府，市政府各部门：现将本年度政务公开重点工作安排如下。",
            document_number="示政办发〔2024〕3号",
            index_number="11420800MB1234567X/2024-00012",
            subject=other,
            formed_on=datetime.date(2024, 2, 20),
        ),
        "dibao": publish_document(
            catalogue,
            title="示例市城乡居民最低生活保障实施办法",
            organisation=organisations["civil"],
            body="为保障困难群众基本生活，规范最低生活保障审核确认工作，制定本办法。",
            document_number="示民规〔2023〕5号",
            index_number="11420800MB1234567X/2023-00031",
            subject=social,
            formed_on=datetime.date(2023, 6, 1),
        ),
        "old": publish_document(
            catalogue,
            title="示例市住房公积金提取管理暂行规定",
            organisation=organisations["housing"],
            body="职工购买自住住房的，可以申请提取住房公积金账户内的存储余额。",
            document_number="示房金〔2019〕2号",
            index_number="11420800MB1234567X/2019-00007",
            subject=social,
            validity="repealed",
            formed_on=datetime.date(2019, 4, 3),
        ),
    }
    return docs
