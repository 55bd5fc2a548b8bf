"""Playwright driving Debian's chromium, shared by the browser tests."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_browser():
    """Fail loudly in CI when the browser is missing; elsewhere skip with the reason."""
    missing = []
    if not shutil.which(CHROMIUM):
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append(f"{AXE_JS} (npm ci)")
    if missing:
        message = "browser test needs " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def browser_page(monkeypatch, live_server_sessions_ended):
    require_browser()
    # Playwright's sync API runs an event loop; Django's ORM must still be usable from the test.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


def axe_violations(page, *, impacts=("serious", "critical")):
    """Run axe-core's WCAG 2.1 A/AA rules on the loaded page."""
    # Evaluated rather than added as a <script>: the site's CSP rightly refuses inline scripts.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}x, e.g. {violation['nodes'][0]['target']})"
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]
