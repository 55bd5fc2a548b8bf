"""Cache-Control as a visitor's browser and the front cache see it."""

import pytest

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from disclosure.factories import CatalogueIndexPageFactory, DisclosureIndexPageFactory, OrganisationFactory
from frontcache.policy import PRIVATE


@pytest.fixture
def catalogue(home_page):
    disclosure = DisclosureIndexPageFactory(parent=home_page, slug="xxgk")
    disclosure.save_revision().publish()
    page = CatalogueIndexPageFactory(parent=disclosure, slug="catalogue")
    page.save_revision().publish()
    return page


def assert_public(response):
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
    vary = [value.strip().lower() for value in response["Vary"].split(",")]
    assert "cookie" in vary, "the elder-mode cookie changes the page"
    assert "accept-language" not in vary, "one language: no reason to keep a copy per Accept-Language"


@pytest.mark.django_db
def test_public_pages_may_be_cached_and_vary_on_the_elder_mode_cookie(client, home_page, catalogue):
    assert_public(client.get("/"))
    assert_public(client.get(catalogue.url))
    assert_public(client.get(catalogue.url + "feed/rss/"))
    client.cookies["elder_mode"] = "1"
    elder = client.get("/")
    assert_public(elder)


@pytest.mark.django_db
def test_lifetimes_come_from_the_settings(client, home_page, settings):
    settings.GONGKAI_CACHE_MAX_AGE = 0
    settings.GONGKAI_CACHE_SHARED_MAX_AGE = 3600
    assert client.get("/")["Cache-Control"] == "public, max-age=0, s-maxage=3600"


@pytest.mark.django_db
def test_missing_pages_are_kept_only_briefly(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=60"


@pytest.mark.django_db
def test_pages_with_a_csrf_form_stay_private(client, home_page):
    index = ConsultationIndexPageFactory(parent=home_page, slug="yjzj")
    index.save_revision().publish()
    consultation = ConsultationPageFactory(parent=index, slug="draft", organisation=OrganisationFactory())
    consultation.save_revision().publish()
    page = client.get(consultation.url)
    assert page.status_code == 200 and b"csrfmiddlewaretoken" in page.content
    assert page["Cache-Control"] == PRIVATE
    # Even when the browser already has a CSRF cookie (no Set-Cookie in the answer).
    assert "csrftoken" in client.cookies
    assert client.get(consultation.url)["Cache-Control"] == PRIVATE
    assert client.get(consultation.url + "status/")["Cache-Control"] == PRIVATE
    assert client.post(consultation.url + "status/", {"code": "x"})["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_admin_search_health_and_signed_in_users_stay_private(client, home_page, admin_user):
    assert client.get("/search/?q=通知")["Cache-Control"] == PRIVATE
    assert client.get("/healthz/")["Cache-Control"] == PRIVATE
    assert client.get("/admin/login/")["Cache-Control"] == PRIVATE
    client.force_login(admin_user)
    assert client.get("/admin/")["Cache-Control"] == PRIVATE
    # A signed-in editor sees the Wagtail user bar: their copy of a public page is theirs.
    assert client.get("/")["Cache-Control"] == PRIVATE
    preview = client.get(f"/admin/pages/{home_page.pk}/view_draft/")
    assert preview["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_redirects_and_cookie_setting_answers_stay_private(client, home_page):
    response = client.get("/elder-mode/?on=1&next=/")
    assert response.status_code == 302
    assert response["Cache-Control"] == PRIVATE
