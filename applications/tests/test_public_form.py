"""A citizen or a company applies online, gets a receipt with the answer date and follows the application."""

import io
import re
from datetime import date

from django.urls import reverse

import pytest
from PIL import Image

from applications import handling
from applications.models import Application, State
from applications.tests.helpers import company_data, person_data
from core import guards

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_person_applies_and_the_receipt_shows_the_number_and_the_statutory_date(client, home_page, organisation):
    response = client.post(reverse("applications:apply"), person_data(organisation))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:receipt", args=[application.number])
    receipt = client.get(response["Location"])
    text = receipt.content.decode()
    assert application.number in text
    assert "法定答复期限" in text
    assert f"{application.deadline.year}年{application.deadline.month}月{application.deadline.day}日" in text
    assert application.state == State.REGISTERED
    assert application.channel == "online"
    assert list(application.steps.values_list("kind", flat=True)) == ["registered"]


def test_a_law_firm_applies_with_its_credit_code(client, home_page, organisation):
    response = client.post(reverse("applications:apply"), company_data(organisation))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.table3_column == 4  # 法律服务机构
    assert application.id_number == ""


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "110105194912310021"}, "居民身份证号码应为18位，且校验位正确。"),
        ({"phone": "12345"}, "电话号码格式不正确"),
        ({"info_description": ""}, "请填写文号或所需信息的内容描述，至少一项。"),
        ({"consent": ""}, "请阅读并勾选承诺。"),
        ({"organisation": ""}, "请选择申请公开的行政机关。"),
    ],
)
def test_bad_input_gets_a_chinese_error_and_stores_nothing(client, home_page, organisation, overrides, message):
    response = client.post(reverse("applications:apply"), person_data(organisation, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_wrong_credit_code_check_digit_is_refused(client, home_page, organisation):
    response = client.post(reverse("applications:apply"), company_data(organisation, credit_code="91350100M000100Y44"))
    assert response.status_code == 400
    assert "统一社会信用代码应为18位，且校验位正确。" in response.content.decode()
    assert not Application.objects.exists()


def test_honeypot_and_too_fast_forms_are_refused(client, home_page, organisation):
    trap = client.post(reverse("applications:apply"), person_data(organisation, website="http://spam"))
    fast = client.post(reverse("applications:apply"), person_data(organisation, started=guards.make_form_token()))
    assert trap.status_code == fast.status_code == 400
    assert "提交过快" in fast.content.decode()
    assert not Application.objects.exists()


def test_the_id_document_is_checked_by_content_and_kept_outside_media(client, home_page, organisation, settings):
    fake = io.BytesIO(b"MZ\x90\x00 not really a picture")
    fake.name = "id.png"
    refused = client.post(reverse("applications:apply"), {**person_data(organisation), "id_document": fake})
    assert refused.status_code == 400
    assert "不是PDF、Word文档或图片" in refused.content.decode()
    picture = io.BytesIO(png_bytes())
    picture.name = "身份证.png"
    accepted = client.post(reverse("applications:apply"), {**person_data(organisation), "id_document": picture})
    assert accepted.status_code == 302
    application = Application.objects.get()
    assert application.id_document_type == "image/png"
    assert application.id_document.path.startswith(settings.GONGKAI_PRIVATE_MEDIA_ROOT)
    assert not application.id_document.path.startswith(settings.MEDIA_ROOT)


def test_rate_limit_per_contact(client, home_page, organisation, settings):
    settings.GONGKAI_APPLICATION_RATE_LIMIT = 2
    for n in range(2):
        assert (
            client.post(reverse("applications:apply"), person_data(organisation, info_title=f"信息{n}")).status_code
            == 302
        )
    response = client.post(reverse("applications:apply"), person_data(organisation, info_title="第三份"))
    assert response.status_code == 429
    assert "每小时最多提交2份申请" in response.content.decode()
    assert Application.objects.count() == 2


def test_the_receipt_is_only_for_the_browser_that_applied(client, home_page, organisation):
    client.post(reverse("applications:apply"), person_data(organisation))
    number = Application.objects.get().number
    client.cookies.clear()
    response = client.get(reverse("applications:receipt", args=[number]))
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:status")


def test_status_with_a_wrong_contact_reveals_nothing(client, home_page, organisation):
    client.post(reverse("applications:apply"), person_data(organisation))
    application = Application.objects.get()
    wrong_contact = client.post(
        reverse("applications:status"), {"number": application.number, "contact": "13900000000"}
    )
    wrong_number = client.post(
        reverse("applications:status"), {"number": "YSQ-2026-999-00001", "contact": "13912345678"}
    )
    assert wrong_contact.status_code == wrong_number.status_code == 404
    for response in (wrong_contact, wrong_number):
        text = response.content.decode()
        assert "未找到与该申请编号和联系方式相符的申请" in text
        assert application.info_title not in text
        assert "已登记" not in text

    # The same page for both: nothing tells a wrong number from a wrong contact.
    def page(response, number):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode().replace(number, ""))

    assert page(wrong_contact, application.number) == page(wrong_number, "YSQ-2026-999-00001")


def test_status_shows_every_step_and_the_letters_to_download(client, home_page, organisation, admin_user):
    client.post(reverse("applications:apply"), person_data(organisation))
    application = Application.objects.get()
    letter = handling.request_correction(application, admin_user, "请写明小区所在街道。", on=application.received_on)
    # Before the lookup the letter is not reachable.
    assert client.get(reverse("applications:letter", args=[letter.pk])).status_code == 404
    response = client.post(
        reverse("applications:status"), {"number": application.number, "contact": "zhang.xiaomei@example.com"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "已登记" in text and "需补正" in text
    assert "请写明小区所在街道。" in text
    assert "等待补正" in text
    download = client.get(reverse("applications:letter", args=[letter.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_contact_is_never_echoed_back(client, home_page, organisation):
    client.post(reverse("applications:apply"), person_data(organisation))
    application = Application.objects.get()
    response = client.post(reverse("applications:status"), {"number": application.number, "contact": "13912345678"})
    assert "13912345678" not in response.content.decode()
    assert "张晓梅" not in response.content.decode()
    assert application.received_on <= date.today()
