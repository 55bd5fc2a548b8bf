"""Two departments with their catalogues and a news column, the review workflow, one user per role."""

from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest

from disclosure.factories import CatalogueIndexPageFactory, DisclosureIndexPageFactory, OrganisationFactory
from home.factories import NewsIndexPageFactory

PASSWORD = "pw-for-tests-only"

USERS = {
    "editor_finance": ["信息员", "信息员-市财政局"],
    "reviewer1_finance": ["初审", "初审-市财政局"],
    "editor_education": ["信息员", "信息员-市教育局"],
    "reviewer1_education": ["初审", "初审-市教育局"],
    "reviewer2": ["复审"],
    "reviewer3": ["终审"],
    "supervisor": ["监督员"],
}


@pytest.fixture
def site_tree(home_page):
    finance = OrganisationFactory(name="示例市财政局", short_name="市财政局")
    education = OrganisationFactory(name="示例市教育局", short_name="市教育局")
    disclosure = DisclosureIndexPageFactory(parent=home_page, slug="xxgk")
    catalogue = CatalogueIndexPageFactory(parent=disclosure, slug="mulu")
    finance_catalogue = CatalogueIndexPageFactory(parent=catalogue, title="市财政局", slug="czj", organisation=finance)
    education_catalogue = CatalogueIndexPageFactory(
        parent=catalogue, title="市教育局", slug="jyj", organisation=education
    )
    news = NewsIndexPageFactory(parent=home_page, slug="dongtai")
    call_command("setup_review_workflow", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {
        "home": home_page,
        "catalogue": catalogue,
        "finance": finance,
        "education": education,
        "finance_catalogue": finance_catalogue,
        "education_catalogue": education_catalogue,
        "news": news,
    }


@pytest.fixture
def users(site_tree, django_user_model):
    created = {}
    for username, groups in USERS.items():
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn", PASSWORD)
        user.groups.set(Group.objects.filter(name__in=groups))
        assert user.groups.count() == len(groups), username
        created[username] = user
    return created
