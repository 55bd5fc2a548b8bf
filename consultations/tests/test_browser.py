"""The comment form in a real browser, operated by keyboard only (Debian's chromium through Playwright)."""

from pathlib import Path

import pytest

from consultations.models import Comment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def async_unsafe_allowed(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here stay synchronous.
    # Set for this test only, so the variable never reaches other tests (e.g. the deploy check).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser_page(async_unsafe_allowed):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN")
        yield page
        browser.close()
    # The live server's keep-alive request threads outlive the browser with an idle database connection,
    # and PostgreSQL refuses to drop the test database while it is open: end those sessions.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def _focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def _tab_to(page, element_id, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused_id(page) == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with the Tab key")


def test_comment_on_article_three_by_keyboard_only(
    wagtail_root, live_server, browser_page, open_consultation, settings
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
