"""The comment form in a real browser, operated by keyboard only (Debian's chromium through Playwright)."""

import pytest

from consultations.models import Comment
from tests.browser import browser_page  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def _tab_to(page, element_id, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused_id(page) == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_comment_on_article_three_by_keyboard_only(
    wagtail_root,
    live_server,
    browser_page,  # noqa: F811
    open_consultation,
    settings,
):
    settings.GONGKAI_COMMENT_MIN_FILL_SECONDS = 1
    page = browser_page
    page.goto(live_server.url + open_consultation.url)

    _tab_to(page, "id_name")
    page.keyboard.type("赵六")
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_identity_type_0"
    page.keyboard.press("Space")
    _tab_to(page, "id_phone", limit=5)
    page.keyboard.type("13912340000")
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_email"
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_article"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector("#id_article", "el => el.value") == "article-3"
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_body"
    page.keyboard.type("建议第三条写明区县民政部门受理投诉的时限。")
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_attachments"
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_consent"  # the honeypot is not in the tab order
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.wait_for_timeout(1100)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "意见提交回执"
    code = page.locator("[data-tracking-code]").inner_text()
    comment = Comment.objects.get()
    assert code == comment.tracking_code
    assert comment.article_label == "第三条"
    assert comment.identity_type == "person"
    assert comment.name == "赵六"
