"""Admin: synonyms edited through the real snippet form, and the search report."""

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data

import pytest

from search.models import QueryLog, Synonym

pytestmark = pytest.mark.django_db


def test_add_synonym_through_admin(admin_client, documents):
    response = admin_client.post(
        "/admin/snippets/search/synonym/add/", nested_form_data({"terms": "困难补助， 最低生活保障", "note": ""})
    )
    assert response.status_code == 302
    assert Synonym.objects.get().terms == "困难补助，最低生活保障"
    html = admin_client.get("/search/", {"q": "困难补助", "type": "policy"}).content.decode()
    assert "城乡居民<mark>最低生活保障</mark>实施办法" in html


def test_synonym_needs_two_terms(admin_client, home_page):
    response = admin_client.post("/admin/snippets/search/synonym/add/", nested_form_data({"terms": "低保", "note": ""}))
    assert response.status_code == 200
    assert "请至少填写两个同义词" in response.content.decode()
    assert not Synonym.objects.exists()


def test_report(admin_client, home_page):
    QueryLog.record("公积金提取", 5)
    QueryLog.record("公积金提取", 5)
    QueryLog.record("不存在的词", 0)
    html = admin_client.get(reverse("search_admin:report")).content.decode()
    assert html.index("公积金提取") < html.index("不存在的词")
    zero_only = admin_client.get(reverse("search_admin:report"), {"zero_only": "true"}).content.decode()
    assert "不存在的词" in zero_only
    assert "公积金提取" not in zero_only


def test_report_admin_only(client, django_user_model, home_page):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("search_admin:report")).status_code in (302, 403)
