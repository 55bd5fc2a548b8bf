"""Rows kept in the shared cache (core.cached): a page reads them once, and sees an editor's change at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

import pytest

from disclosure.factories import OrganisationFactory
from home.models import SiteIdentity

pytestmark = pytest.mark.django_db


def search_page(client, q="通知", **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def queries_of(client, path, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_the_search_form_lists_a_new_organisation_at_once(client, site_identity):
    OrganisationFactory(name="示例市第一局")
    assert "示例市第一局" in search_page(client)
    sql = queries_of(client, "/search/", q="通知")
    assert not any("disclosure_organisation" in q or "disclosure_subjectcategory" in q for q in sql)

    renamed = OrganisationFactory(name="示例市第二局")
    html = search_page(client)
    assert "示例市第二局" in html
    renamed.name = "示例市数据局"
    renamed.save()
    html = search_page(client)
    assert "示例市数据局" in html and "示例市第二局" not in html
    renamed.delete()
    assert "示例市数据局" not in search_page(client)


def test_the_footer_shows_an_edited_identity_at_once(client, site_identity):
    assert "示公网安备42000002000001号" in search_page(client)
    assert not any("home_siteidentity" in q for q in queries_of(client, "/search/"))
    site_identity.police_number = "示公网安备42000002000099号"
    site_identity.save()
    html = search_page(client)
    assert "示公网安备42000002000099号" in html and "示公网安备42000002000001号" not in html


def test_a_new_promotion_and_a_deleted_one_show_at_once(client, documents):
    assert "推荐结果" not in search_page(client, q="工作要点")
    query = Query.get("工作要点")
    promotion = SearchPromotion.objects.create(
        query=query, page=documents["plan"], description="年度重点", sort_order=0
    )
    html = search_page(client, q="工作要点")
    assert "推荐结果" in html and "年度重点" in html
    assert not any("searchpromotion" in q for q in queries_of(client, "/search/", q="工作要点"))
    promotion.delete()
    assert "推荐结果" not in search_page(client, q="工作要点")


def test_the_columns_box_follows_publishing_and_view_restrictions(client, home_page, documents):
    catalogue = documents["plan"].get_parent()
    title = catalogue.title
    assert title in search_page(client, q=title)
    restriction = PageViewRestriction.objects.create(page=catalogue, restriction_type="login")
    assert f">{title}<" not in search_page(client, q=title)
    restriction.delete()
    catalogue.specific.save_revision().publish()
    assert title in search_page(client, q=title)
    catalogue.unpublish()
    assert f">{title}<" not in search_page(client, q=title)


def test_a_site_without_an_identity_gets_one(client, home_page):
    SiteIdentity.objects.all().delete()
    html = search_page(client)
    assert SiteIdentity.objects.count() == 1
    assert "示例市人民政府" in html
