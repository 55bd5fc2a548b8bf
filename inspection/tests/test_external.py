"""The external link job against local HTTP servers: 200, 404, 500, a redirect loop and a timeout."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import timezone

from wagtail.rich_text import RichText

import pytest

from home.factories import NewsPageFactory
from inspection.checks.external import check_urls
from inspection.models import ExternalLink, Finding
from inspection.run import inspect_site
from inspection.tasks import check_external_links

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    hits = []

    def log_message(self, *args):
        pass

    def _answer(self):
        Handler.hits.append((self.path, time.monotonic()))
        if self.path.startswith("/ok"):
            self.send_response(200)
        elif self.path == "/missing":
            self.send_response(404)
        elif self.path == "/error":
            self.send_response(500)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        elif self.path == "/head-refused":
            self.send_response(405 if self.command == "HEAD" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_statuses_redirect_loop_and_timeout(server):
    urls = [f"{server}/{path}" for path in ("ok", "missing", "error", "loop", "slow", "head-refused")]
    results = check_urls(urls, timeout=0.5, concurrency=2, host_delay=0)
    assert results[f"{server}/ok"] == (200, "")
    assert results[f"{server}/missing"] == (404, "")
    assert results[f"{server}/error"] == (500, "")
    assert results[f"{server}/loop"] == (None, "重定向循环")
    assert results[f"{server}/slow"] == (None, "连接超时（0.5秒）")
    assert results[f"{server}/head-refused"] == (200, "")


def test_one_host_is_asked_politely_one_request_after_another(server):
    urls = [f"{server}/ok{n}" for n in range(3)]
    check_urls(urls, timeout=2, concurrency=4, host_delay=0.3)
    times = [moment for _path, moment in Handler.hits]
    assert len(times) == 3
    assert all(later - earlier >= 0.29 for earlier, later in zip(times, times[1:]))


def test_job_records_status_and_since_when_a_link_fails(site_tree, server, settings):
    settings.GONGKAI_LINK_CHECK_TIMEOUT = 1
    settings.GONGKAI_LINK_CHECK_HOST_DELAY_MS = 0
    page = NewsPageFactory(
        parent=site_tree["news"],
        body=[("paragraph", RichText(f'<p><a href="{server}/missing">旧链接</a><a href="{server}/ok">好链接</a></p>'))],
    )
    inspect_site()
    assert set(ExternalLink.objects.values_list("url", "ok")) == {(f"{server}/missing", None), (f"{server}/ok", None)}

    check_external_links.enqueue()
    broken = ExternalLink.objects.get(url=f"{server}/missing")
    assert broken.status_code == 404 and broken.ok is False and broken.failing_since is not None
    assert ExternalLink.objects.get(url=f"{server}/ok").ok is True
    finding = Finding.objects.get(kind="broken_external", page_id=page.pk)
    assert f"{server}/missing" in finding.subject and "HTTP 404" in finding.subject

    # Still failing a day later: the date it started failing is kept.
    first_failure = timezone.now() - timedelta(days=1)
    ExternalLink.objects.filter(pk=broken.pk).update(failing_since=first_failure)
    check_external_links.enqueue()
    broken.refresh_from_db()
    assert broken.failing_since == first_failure
    assert first_failure.strftime("%Y-%m-%d") in Finding.objects.get(kind="broken_external").subject
