"""A disclosure tree with two departments, the review workflow and one user per role."""

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Page

import pytest

from core.identifiers import unified_social_credit_code
from disclosure.factories import OrganisationFactory
from disclosure.models import CatalogueIndexPage, DisclosureIndexPage

PASSWORD = "pw-for-tests-only"


def _organisation(name, short_name, serial):
    return OrganisationFactory(
        name=name, short_name=short_name, unit_code=unified_social_credit_code("11420800MB", serial)
    )


def _child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def tree(home_page):
    finance = _organisation("示例市财政局", "市财政局", 1)
    education = _organisation("示例市教育局", "市教育局", 2)
    disclosure = _child(home_page, DisclosureIndexPage(title="政府信息公开", slug="xxgk"))
    catalogue = _child(disclosure, CatalogueIndexPage(title="政府信息公开目录", slug="mulu"))
    finance_catalogue = _child(catalogue, CatalogueIndexPage(title="市财政局", slug="czj", organisation=finance))
    education_catalogue = _child(catalogue, CatalogueIndexPage(title="市教育局", slug="jyj", organisation=education))
    call_command("setup_review_workflow", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {
        "home": home_page,
        "disclosure": disclosure,
        "catalogue": catalogue,
        "finance": finance,
        "education": education,
        "finance_catalogue": finance_catalogue,
        "education_catalogue": education_catalogue,
    }


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
def users(tree, django_user_model):
    created = {}
    for username, groups in USERS.items():
        user = django_user_model.objects.create_user(
            username, f"{username}@example.gov.cn", PASSWORD, first_name=username
        )
        user.groups.set(Group.objects.filter(name__in=groups))
        assert user.groups.count() == len(groups), username
        created[username] = user
    return created


@pytest.fixture
def as_user(client, users):
    """Log the test client in as one of the users."""

    def login(username):
        client.force_login(users[username])
        return client

    return login


@pytest.fixture
def page_root(db):
    return Page.get_first_root_node()
