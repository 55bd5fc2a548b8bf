"""The application form in a real browser, by keyboard only, and its accessibility (axe-core)."""

import pytest

from applications.models import Application
from tests.browser import axe_violations, browser_page  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_root(transactional_db):
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


def focused(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id, limit=150):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_a_citizen_applies_by_keyboard_only_after_a_refused_empty_form(
    site_root,
    home_page,
    organisation,
    live_server,
    browser_page,  # noqa: F811
    settings,
):
    settings.GONGKAI_COMMENT_MIN_FILL_SECONDS = 1
    page = browser_page
    # A form sent empty: the summary is announced and each message leads to its field.
    page.goto(live_server.url + "/ysqgk/")
    page.click(".application-form button[type=submit]")
    summary = page.locator("#error-summary")
    assert "请填写姓名或单位名称。" in summary.inner_text()
    page.click("#error-summary a[href='#id_name']")
    assert focused(page) == "id_name"
    assert page.get_attribute("#id_name", "aria-invalid") == "true"
    assert not Application.objects.exists()
    assert axe_violations(page) == []

    page.goto(live_server.url + "/ysqgk/")
    assert axe_violations(page) == []

    tab_to(page, "id_organisation")
    page.keyboard.press("ArrowDown")
    tab_to(page, "id_applicant_type_0", limit=5)
    page.keyboard.press("Space")
    for field, text in [
        ("id_name", "孙浩然"),
        ("id_id_number", "11010519491231002X"),
        ("id_phone", "13712345678"),
        ("id_email", "sunhr@example.com"),
        ("id_info_title", "2026年市级预算调整方案"),
        ("id_info_description", "预算调整方案全文及说明。"),
    ]:
        if field == "id_id_number":
            tab_to(page, "id_id_type", limit=5)
            page.keyboard.press("ArrowDown")  # 居民身份证
        tab_to(page, field, limit=25)
        page.keyboard.type(text)
    tab_to(page, "id_carrier_0", limit=5)
    page.keyboard.press("ArrowRight")  # 电子文本
    tab_to(page, "id_delivery_0", limit=5)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 电子邮件
    tab_to(page, "id_consent", limit=5)
    page.keyboard.press("Space")
    page.wait_for_timeout(1200)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "提交申请"
    page.keyboard.press("Enter")
    page.wait_for_url("**/ysqgk/receipt/**")

    application = Application.objects.get()
    assert application.name == "孙浩然"
    assert application.id_type == "resident_id"
    assert application.carrier == "electronic"
    assert application.delivery == "email"
    assert application.number in page.inner_text("[data-number]")
    assert "法定答复期限" in page.content()
    assert axe_violations(page) == []
