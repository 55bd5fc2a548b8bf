"""What only a browser shows: WCAG 2.1 AA checks (axe-core), keyboard use, the elder-friendly mode."""

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from consultations.models import ConsultationIndexPage, ConsultationPage
from disclosure.models import CatalogueIndexPage, PolicyDocumentPage
from home.models import NewsPage

from .browser import axe_violations, browser_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site(live_server, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.update(hostname=host, port=int(port))
    return live_server.url


def public_urls(base_url):
    """One live page of every public page type, plus search, a filtered catalogue and the 404 page."""

    seen, urls = set(), []
    for page in Page.objects.live().filter(depth__gte=2).order_by("path"):
        if page.content_type_id not in seen:
            seen.add(page.content_type_id)
            urls.append(page.url)
    repealed = PolicyDocumentPage.objects.live().exclude(validity="valid").first()
    open_consultation = next(page for page in ConsultationPage.objects.live() if page.is_open)
    catalogue = CatalogueIndexPage.objects.live().order_by("depth").first()
    urls += [
        repealed.url,
        open_consultation.url,
        ConsultationIndexPage.objects.live().first().url + "?status=closed",
        catalogue.url + "?year=2025&rank=normative",
        "/search/?q=低保",
        "/no-such-page/",
    ]
    return [base_url + url for url in urls]


def test_public_pages_have_no_serious_wcag_violations(demo_site, browser_page):  # noqa: F811
    failures = {}
    for url in public_urls(demo_site):
        browser_page.goto(url)
        violations = axe_violations(browser_page)
        if violations:
            failures[url] = violations
    assert failures == {}

    # The elder-friendly mode: larger type, line height of at least 1.5, still no violations.
    browser_page.goto(demo_site + "/elder-mode/?on=1&next=/")
    assert "elder-mode" in browser_page.get_attribute("body", "class")
    for url in public_urls(demo_site):
        browser_page.goto(url)
        violations = axe_violations(browser_page)
        if violations:
            failures[url] = violations
    assert failures == {}
    ratio = browser_page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('main p, main li'));"
        " return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()"
    )
    assert ratio >= 1.5
    assert browser_page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 20


def test_keyboard_selection_and_small_screens(demo_site, browser_page):  # noqa: F811
    news_url = demo_site + NewsPage.objects.live().first().url
    browser_page.goto(demo_site + "/")
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.textContent") == "跳到正文"
    browser_page.keyboard.press("Enter")
    assert browser_page.url.endswith("#main-content")

    # The elder-friendly switch works from the keyboard and is remembered across pages.
    browser_page.locator("a.elder-switch").focus()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_load_state()
    assert "elder-mode" in browser_page.get_attribute("body", "class")
    browser_page.goto(news_url)
    assert "elder-mode" in browser_page.get_attribute("body", "class")

    # Nothing blocks selecting and copying text.
    selected = browser_page.evaluate(
        """() => { const h1 = document.querySelector('h1'); const range = document.createRange();
        range.selectNodeContents(h1); const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        return sel.toString(); }"""
    )
    assert selected == NewsPage.objects.live().first().title
    assert browser_page.evaluate("getComputedStyle(document.body).userSelect") != "none"

    # Usable at 360 px, in elder mode and in the normal one: no horizontal scrolling.
    browser_page.set_viewport_size({"width": 360, "height": 740})
    for mode in ("1", "0"):
        browser_page.goto(demo_site + f"/elder-mode/?on={mode}&next=/")
        for url in public_urls(demo_site):
            browser_page.goto(url)
            overflow = browser_page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (mode, url)
