"""BasePage.route: the pages on a path read at once, answering exactly as Wagtail's Page.route does."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from disclosure.factories import (
    CatalogueIndexPageFactory,
    DisclosureIndexPageFactory,
    OrganisationFactory,
    PolicyDocumentPageFactory,
)
from disclosure.models import PolicyDocumentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    organisation = OrganisationFactory(name="示例市财政局", short_name="市财政局")
    section = DisclosureIndexPageFactory(parent=home_page, title="政府信息公开", slug="xxgk")
    catalogue = CatalogueIndexPageFactory(parent=section, title="政府信息公开目录", slug="mulu")
    department = CatalogueIndexPageFactory(
        parent=catalogue, title="市财政局信息公开目录", slug="caizheng", organisation=organisation
    )
    document = PolicyDocumentPageFactory(
        parent=department, title="关于预算公开的通知", slug="yusuan", organisation=organisation
    )
    # The same slug elsewhere in the tree must not be taken for the one on the path.
    PolicyDocumentPageFactory(parent=catalogue, title="另一份文件", slug="caizheng-yusuan", organisation=organisation)
    other = CatalogueIndexPageFactory(parent=section, title="另一个目录", slug="other")
    PolicyDocumentPageFactory(parent=other, title="同名文件", slug="yusuan", organisation=organisation)
    return {"section": section, "catalogue": catalogue, "department": department, "document": document}


def test_a_deep_page_is_served_with_its_ancestors_and_related_objects(client, tree):
    document = tree["document"]
    response = client.get("/xxgk/mulu/caizheng/yusuan/")
    assert response.status_code == 200
    page = response.context["page"]
    assert type(page) is PolicyDocumentPage
    assert page.pk == document.pk
    assert [a.pk for a in page.ancestor_pages] == [a.pk for a in document.get_ancestors()]
    assert page.column_page.pk == tree["section"].pk
    assert page.get_parent().pk == tree["department"].pk
    with CaptureQueriesContext(connection) as queries:
        assert page.organisation.name == "示例市财政局"
    assert len(queries) == 0
    html = response.content.decode()
    assert '<li><a href="/xxgk/mulu/caizheng/">市财政局信息公开目录</a></li>' in html
    assert '<li><a href="/">首页</a></li>' in html


def test_every_level_costs_the_same(client, tree):
    def queries_for(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in queries if "wagtailcore_page" in q["sql"] and '."slug" = ' in q["sql"]]

    assert len(queries_for("/xxgk/")) == len(queries_for("/xxgk/mulu/caizheng/yusuan/")) == 1


@pytest.mark.parametrize(
    "url",
    [
        "/missing/",
        "/xxgk/missing/",
        "/xxgk/mulu/caizheng/missing/",
        "/xxgk/mulu/caizheng/yusuan/extra/",
        "/xxgk/caizheng/yusuan/",
        "/xxgk/mulu/yusuan/",
    ],
)
def test_a_path_that_leads_nowhere_is_not_found(client, tree, url):
    assert client.get(url).status_code == 404


def test_a_page_not_live_is_not_found_but_its_live_children_are_served_as_wagtail_does(client, tree):
    department = tree["department"]
    department.unpublish()
    assert client.get("/xxgk/mulu/caizheng/").status_code == 404
    assert client.get("/xxgk/mulu/caizheng/yusuan/").status_code == 200


def test_a_routable_page_still_answers_its_own_routes(client, tree):
    response = client.get("/xxgk/mulu/caizheng/feed/rss/")
    assert response.status_code == 200
    assert "关于预算公开的通知" in response.content.decode()


def test_a_restriction_on_an_ancestor_still_guards_the_page(client, tree):
    PageViewRestriction.objects.create(
        page=tree["catalogue"], restriction_type=PageViewRestriction.PASSWORD, password="secret-for-tests"
    )
    response = client.get("/xxgk/mulu/caizheng/yusuan/")
    assert "关于预算公开的通知" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert client.get("/xxgk/").status_code == 200
