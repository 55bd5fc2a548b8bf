"""Looking up a comment's status with its tracking code and contact."""

import pytest

from consultations.factories import CommentFactory
from consultations.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(open_consultation):
    return CommentFactory(
        consultation=open_consultation,
        phone="13811112222",
        email="citizen@example.com",
        body="建议在第三条中增加夜间服务的规定。",
        decision=Decision.PARTLY,
        reply="已在第三条中增加晚间助餐服务的规定。",
    )


def lookup(client, page, code, contact):
    return client.post(page.url + "status/", {"code": code, "contact": contact})


@pytest.mark.parametrize("contact", ["13811112222", "138 1111 2222", "+8613811112222", "Citizen@Example.com"])
def test_code_and_contact_show_the_status_and_answer(client, open_consultation, answered, contact):
    response = lookup(client, open_consultation, answered.tracking_code.lower(), contact)
    assert response.status_code == 200
    html = response.content.decode()
    assert "部分采纳" in html
    assert "已在第三条中增加晚间助餐服务的规定。" in html
    assert "13811112222" not in html


def test_wrong_contact_reveals_nothing(client, open_consultation, answered):
    wrong = lookup(client, open_consultation, answered.tracking_code, "13800000000")
    unknown = lookup(client, open_consultation, "NOSUCHCODE", "13811112222")
    assert wrong.status_code == unknown.status_code == 404
    for response in (wrong, unknown):
        html = response.content.decode()
        assert "未找到与该查询码和联系方式相符的意见" in html
        assert "晚间助餐" not in html
        assert "夜间服务" not in html
        assert "部分采纳" not in html


def test_empty_lookup_has_chinese_messages(client, open_consultation):
    response = lookup(client, open_consultation, "", "")
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写查询码。" in html
    assert "请填写提交意见时填写的电话或电子邮箱。" in html


def test_lookups_are_rate_limited(client, open_consultation, answered, settings):
    settings.GONGKAI_LOOKUP_RATE_LIMIT = 2
    for _ in range(2):
        lookup(client, open_consultation, "NOSUCHCODE", "13800000000")
    response = lookup(client, open_consultation, answered.tracking_code, "13811112222")
    assert response.status_code == 429
    assert "晚间助餐" not in response.content.decode()
