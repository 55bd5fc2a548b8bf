"""The 机构 listing in the admin: an editor searches it by name or short name (it used to answer 500:
its search named a field the index did not hold)."""

import pytest

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/disclosure/organisation/"


@pytest.mark.parametrize("typed", ["财政局", "市财政局"])
def test_an_editor_finds_an_organisation_by_its_names(admin_client, organisations, typed):
    response = admin_client.get(LISTING, {"q": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "示例市财政局" in html
    assert "示例市教育局" not in html
