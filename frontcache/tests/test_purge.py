"""Publishing, unpublishing, moving and deleting purge the page and every listing that shows it.

The PURGE requests go over HTTP to a small recording server on a loopback port (Varnish
itself answers them in ``make test-cluster``).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from disclosure.factories import (
    CatalogueIndexPageFactory,
    DisclosureIndexPageFactory,
    OrganisationFactory,
    publish_document,
)


class Recorder(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purges(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


@pytest.fixture
def tree(home_page):
    disclosure = DisclosureIndexPageFactory(parent=home_page, slug="xxgk")
    disclosure.save_revision().publish()
    catalogue = CatalogueIndexPageFactory(parent=disclosure, slug="catalogue")
    catalogue.save_revision().publish()
    department = CatalogueIndexPageFactory(parent=catalogue, slug="department")
    department.save_revision().publish()
    other = CatalogueIndexPageFactory(parent=disclosure, slug="other")
    other.save_revision().publish()
    document = publish_document(department, title="关于住房公积金缴存的通知", organisation=OrganisationFactory())
    return {"catalogue": catalogue, "department": department, "other": other, "document": document}


def paths(purged):
    return {path for _host, path in purged}


LISTINGS = {
    "/",
    "/xxgk/",
    "/xxgk/catalogue/",
    "/xxgk/catalogue/feed/rss/",
    "/xxgk/catalogue/feed/atom/",
    "/xxgk/catalogue/export/csv/",
    "/xxgk/catalogue/department/",
    "/xxgk/catalogue/department/feed/rss/",
    "/sitemap.xml",
}


@pytest.mark.django_db
def test_publishing_purges_the_page_and_the_listings_after_commit(tree, purges, django_capture_on_commit_callbacks):
    document = tree["document"]
    document.title = "关于住房公积金缴存比例调整的通知"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document.save_revision().publish()
    assert purges == [], "nothing is purged before the transaction commits"
    for callback in callbacks:
        callback()
    assert paths(purges) >= LISTINGS | {"/xxgk/catalogue/department/" + document.slug + "/"}
    assert "/xxgk/other/" not in paths(purges), "a catalogue that does not list the page keeps its copy"
    assert {host for host, _path in purges} == {"testserver"}


@pytest.mark.django_db
def test_unpublishing_and_deleting_purge(tree, purges, django_capture_on_commit_callbacks):
    document = tree["document"]
    with django_capture_on_commit_callbacks(execute=True):
        document.unpublish()
    assert paths(purges) >= LISTINGS | {document.url}
    purges.clear()
    other = publish_document(tree["catalogue"], title="另一份文件", organisation=OrganisationFactory())
    url = other.url
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert url in paths(purges) and "/xxgk/catalogue/" in paths(purges)


@pytest.mark.django_db
def test_moving_purges_the_old_and_the_new_place(tree, purges, django_capture_on_commit_callbacks):
    document = tree["document"]
    old_url = document.url
    with django_capture_on_commit_callbacks(execute=True):
        document.move(tree["other"], pos="last-child")
    purged = paths(purges)
    document.refresh_from_db()
    assert old_url in purged and document.url in purged
    assert "/xxgk/catalogue/department/" in purged and "/xxgk/other/" in purged


@pytest.mark.django_db
def test_a_cache_that_is_down_does_not_stop_publishing(tree, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    document = tree["document"]
    document.title = "更新后的标题"
    with django_capture_on_commit_callbacks(execute=True):
        document.save_revision().publish()
    document.refresh_from_db()
    assert document.title == "更新后的标题" and document.live
