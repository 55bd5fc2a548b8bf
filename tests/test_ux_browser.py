"""What only a browser shows: moderating a comment, approving a draft, the public pages on a phone."""

import json

from django.core.management import call_command

from wagtail.models import Site

import pytest

from consultations.models import Comment, Decision
from disclosure.models import AnnualReportPage, CatalogueIndexPage
from home.demo_accounts import accounts_file

from .browser import browser_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
PERMISSION_ERROR = "没有权限"


@pytest.fixture
def demo_site(live_server, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.update(hostname=host, port=int(port))
    return live_server.url


def log_in(page, base_url, username):
    password = json.loads(accounts_file().read_text(encoding="utf-8"))[username]["password"]
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_moderator_opens_a_comment_from_the_list_and_records_partial_adoption(demo_site, browser_page):  # noqa: F811
    comment = Comment.objects.filter(decision="").order_by("pk").first()
    log_in(browser_page, demo_site, "reviewer2")
    browser_page.goto(demo_site + "/admin/snippets/consultations/comment/")
    browser_page.get_by_role("link", name=comment.tracking_code, exact=True).click()
    browser_page.wait_for_load_state()
    assert f"/edit/{comment.pk}/" in browser_page.url
    browser_page.select_option("#id_decision", Decision.PARTLY)
    browser_page.fill("#id_reply", "建议已部分采纳：第三条增加书面告知。")
    browser_page.locator("button[type=submit]", has_text="保存").first.click()
    browser_page.wait_for_load_state()
    assert PERMISSION_ERROR not in browser_page.content()
    comment.refresh_from_db()
    assert comment.decision == Decision.PARTLY
    assert comment.reply == "建议已部分采纳：第三条增加书面告知。"
    # Back on the list, the comment reads 部分采纳 and booleans read 是/否.
    browser_page.goto(demo_site + "/admin/snippets/consultations/comment/")
    row = browser_page.locator("tr", has_text=comment.tracking_code)
    assert "部分采纳" in row.inner_text()
    assert "True" not in browser_page.content() and "False" not in browser_page.locator("main").inner_text()


def test_reviewer_approves_and_sees_the_confirmation_without_permission_errors(demo_site, browser_page):  # noqa: F811
    log_in(browser_page, demo_site, "reviewer1_finance")
    # A permission error sends the reviewer to the dashboard with a red message: record where they go.
    seen = []
    browser_page.on("framenavigated", lambda frame: seen.append(frame.url) if frame.parent_frame is None else None)
    browser_page.goto(demo_site + "/admin/review/waiting/")
    browser_page.get_by_role("link", name="审核", exact=True).first.click()
    browser_page.wait_for_load_state()
    assert PERMISSION_ERROR not in browser_page.content()
    browser_page.get_by_role("button", name="更多动作").click()
    browser_page.get_by_role("button", name="审核通过").click()
    modal = browser_page.locator(".modal")
    modal.wait_for()
    for checkbox in modal.locator("input[type=checkbox]").all():
        checkbox.check()
    comment = modal.locator("textarea")
    if comment.count():
        comment.first.fill("同意，保密审查无问题。")
    with browser_page.expect_navigation(url="**/admin/review/waiting/**"):
        modal.locator("button[type=submit], input[type=submit]").last.click()
    browser_page.wait_for_load_state()
    assert "初审已通过，已转复审" in browser_page.content()
    assert PERMISSION_ERROR not in browser_page.content()
    assert demo_site + "/admin/" not in seen, seen


def _no_horizontal_scroll_and_title_on_first_screen(page, url, title_selector):
    page.goto(url)
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
    box = page.locator(title_selector).first.bounding_box()
    assert box is not None, (url, title_selector)
    assert box["y"] + box["height"] <= PHONE["height"], (url, box)


def test_catalogue_report_and_search_fit_a_phone(demo_site, browser_page):  # noqa: F811
    browser_page.set_viewport_size(PHONE)
    catalogue = CatalogueIndexPage.objects.live().order_by("depth").first()
    report = AnnualReportPage.objects.live().order_by("-pk").first()
    _no_horizontal_scroll_and_title_on_first_screen(
        browser_page, demo_site + catalogue.url, ".catalogue-table .cell-title a"
    )
    # Cards: the title comes first, then 文号 and 发布机构.
    card = browser_page.locator(".catalogue-table tbody tr").first
    title_y = card.locator(".cell-title").bounding_box()["y"]
    assert title_y < card.locator(".cell-number").bounding_box()["y"]
    assert title_y < card.locator(".cell-organisation").bounding_box()["y"]
    _no_horizontal_scroll_and_title_on_first_screen(browser_page, demo_site + report.url, "h1")
    # A wide report table scrolls in its box; its row headings stay at the box's left edge.
    wide = browser_page.locator(".report-scroll").filter(has=browser_page.locator("th[scope=row]")).nth(1)
    heading = wide.locator("th[scope=row]").first
    left = heading.bounding_box()["x"]
    wide.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert wide.evaluate("box => box.scrollLeft") > 0
    assert abs(heading.bounding_box()["x"] - left) < 2
    _no_horizontal_scroll_and_title_on_first_screen(browser_page, demo_site + "/search/?q=低保", ".result-title a")
    # The filters wait behind their button on a phone.
    assert not browser_page.locator("details.search-filters-toggle").evaluate("d => d.open")
    assert not browser_page.locator("#id_organisation").is_visible()
