"""The cluster checks: each takes the running Cluster, asserts, and says what it saw."""

import re
import subprocess
import threading
import time

import psycopg

from .client import Browser, form_value
from .harness import BASE_DIR, PASSWORD

DOCUMENT_TITLE = "示例市住房公积金缴存管理办法"  # tests/cluster/seed.py
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + b"0" * 64


def sql(cluster, query, database="gongkai"):
    with psycopg.connect(cluster.database_url(database)) as connection:
        return connection.execute(query).fetchall()


def login(browser, port):
    page = browser.get(port, "/admin/login/")
    token = form_value(page.text, "csrfmiddlewaretoken")
    fields = {"csrfmiddlewaretoken": token, "username": "moderator", "password": PASSWORD, "next": "/admin/"}
    response = browser.post(port, "/admin/login/", fields)
    assert response.status == 302, f"login answered {response.status}"
    assert "sessionid" in browser.cookies


def admin_post(browser, port, path, fields=None):
    """GET an admin confirmation form, then POST it with its CSRF token."""
    page = browser.get(port, path)
    assert page.status == 200, f"{path}: {page.status}"
    data = {"csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"), **(fields or {})}
    return browser.post(port, path, data)


# ---------------------------------------------------------------- checks


def check_public_pages_are_cached(cluster):
    visitor = Browser()
    port, document = cluster.varnish_port, cluster.seed["document"]
    first = visitor.get(port, document)
    second = visitor.get(port, document)
    assert first.status == 200 and DOCUMENT_TITLE in first.text, f"{document}: {first.status} {first.text[:300]}"
    assert "public" in first.headers["Cache-Control"] and "s-maxage" in first.headers["Cache-Control"]
    assert second.headers["X-Cache"] == "HIT", second.headers["X-Cache"]
    elder = Browser()
    elder.cookies["elder_mode"] = "1"
    elder.cookies["csrftoken"] = "ignored-by-the-cache"
    elder_page = elder.get(port, document)
    assert elder_page.headers["X-Cache"] == "MISS", "the elder-mode page was served from the normal copy"
    assert elder.get(port, document).headers["X-Cache"] == "HIT"
    form_page = visitor.get(port, cluster.seed["consultation"])
    assert form_page.headers["Cache-Control"] == "private, no-store", form_page.headers["Cache-Control"]
    assert visitor.get(port, cluster.seed["consultation"]).headers["X-Cache"] == "MISS"
    return "document page HIT on the second request; elder mode kept apart; comment form private"


def check_session_is_shared(cluster):
    moderator = Browser()
    one, two = cluster.app_ports
    login(moderator, one)
    dashboard = moderator.get(two, "/admin/")
    assert dashboard.status == 200, f"the session made on server 1 gave {dashboard.status} on server 2"
    assert "moderator" in dashboard.text
    return "signed in on server 1, admin dashboard 200 on server 2"


def check_rate_limit_holds_across_servers(cluster):
    # GONGKAI_LOOKUP_RATE_LIMIT=3 per client address; requests alternate between the servers.
    citizen, other = Browser("203.0.113.21"), Browser("203.0.113.22")
    path = cluster.seed["consultation"] + "status/"
    statuses = []
    for number in range(5):
        port = cluster.app_ports[number % 2]
        page = citizen.get(port, path)
        fields = {"csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken")}
        fields.update(code="ZZZZ-ZZZZ", contact="13900000000")
        statuses.append(citizen.post(port, path, fields).status)
    assert statuses[:3] == [404, 404, 404] and statuses[3:] == [429, 429], statuses
    page = other.get(cluster.varnish_port, path)
    fields = {"csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"), "code": "ZZZZ", "contact": "1"}
    through_proxy = other.post(cluster.varnish_port, path, fields).status
    assert through_proxy == 404, f"another address was refused ({through_proxy}): the limit is not per client"
    return f"same address on servers 1,2,1,2,1: {statuses}; another address through Varnish: {through_proxy}"


def check_attachment_is_shared(cluster):
    citizen = Browser("203.0.113.30")
    one, two = cluster.app_ports
    path = cluster.seed["consultation"]
    page = citizen.get(one, path)
    html = page.text
    fields = {
        "csrfmiddlewaretoken": form_value(html, "csrfmiddlewaretoken"),
        "started": form_value(html, "started"),
        "identity_type": form_value(html, "identity_type"),
        "name": "李四",
        "phone": "13912345678",
        "body": "建议明确住房公积金缴存比例的调整程序，并公开测算依据。",
        "consent": "on",
        "website": "",
    }
    response = citizen.post(one, path + "comment/", fields, files=[("attachments", "意见.pdf", PDF, "application/pdf")])
    assert response.status == 302, (
        f"comment answered {response.status}: {re.findall(r'errorlist.*?</ul>', response.text)}"
    )
    (pk,) = sql(cluster, "SELECT max(id) FROM consultations_commentattachment")[0]
    assert pk, "no attachment row"
    moderator = Browser()
    login(moderator, two)
    download = moderator.get(two, f"/admin/consultations/attachments/{pk}/")
    assert download.status == 200, f"download on server 2: {download.status}"
    assert download.body == PDF, "server 2 served different bytes"
    anonymous = Browser().get(two, f"/admin/consultations/attachments/{pk}/")
    assert anonymous.status in (302, 403), f"anonymous download gave {anonymous.status}"
    return f"attachment {pk} posted to server 1, the moderator downloaded the same {len(PDF)} bytes from server 2"


def _wait_until(predicate, limit=1.0):
    """Seconds until the predicate held, and how many tries. The purge is sent before the
    publish's response, so the first try normally sees the change; its time is the app
    re-rendering the purged pages."""
    started, tries = time.monotonic(), 0
    while True:
        tries += 1
        if predicate():
            return time.monotonic() - started, tries
        if time.monotonic() - started > limit:
            raise AssertionError(f"the cached pages did not change within {limit} s ({tries} tries)")
        time.sleep(0.05)


def check_publish_purges(cluster):
    visitor, port = Browser("203.0.113.40"), cluster.varnish_port
    document, catalogue, home = cluster.seed["document"], cluster.seed["catalogue"], cluster.seed["home"]
    for path in (document, catalogue, home, catalogue + "feed/rss/"):
        visitor.get(port, path)
        assert visitor.get(port, path).headers["X-Cache"] == "HIT", path
    editor = Browser()
    one, two = cluster.app_ports
    login(editor, one)
    page_id = cluster.seed["document_id"]
    response = admin_post(editor, one, f"/admin/pages/{page_id}/unpublish/")
    assert response.status == 302, f"unpublish answered {response.status}"

    def gone():
        return visitor.get(port, document).status == 404 and DOCUMENT_TITLE not in visitor.get(port, catalogue).text

    unpublished_after, unpublished_tries = _wait_until(gone)
    assert DOCUMENT_TITLE not in visitor.get(port, catalogue + "feed/rss/").text
    # The editor's session from server 1 is valid on server 2.
    path = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"
    response = admin_post(editor, two, path, {"include_descendants": ""})
    assert response.status == 302, f"publish answered {response.status}"

    def back():
        return visitor.get(port, document).status == 200 and DOCUMENT_TITLE in visitor.get(port, catalogue).text

    published_after, published_tries = _wait_until(back)
    assert DOCUMENT_TITLE in visitor.get(port, catalogue + "feed/rss/").text
    return (
        f"unpublished on server 1: gone from Varnish at try {unpublished_tries} ({unpublished_after:.2f} s incl. "
        f"re-render); published on server 2: back at try {published_tries} ({published_after:.2f} s)"
    )


def check_stopping_a_server_loses_nothing(cluster):
    results, stop = [], threading.Event()

    def load():
        client = Browser("203.0.113.50")
        while not stop.is_set():
            # /healthz/ is never cached, so every request reaches an app server.
            results.append(client.get(cluster.varnish_port, "/healthz/", timeout=30).status)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    before = len(results)
    cluster.stop_app(1)
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join()
    failed = [status for status in results if status != 200]
    assert before > 0 and len(results) > before, "no load reached the servers"
    assert len(failed) <= len(threads), f"{len(failed)} requests failed: {failed[:10]}"
    assert cluster.healthy(cluster.app_ports[0])
    return f"{len(results)} requests, server 2 stopped after {before}: {len(failed)} failed (in flight: up to 4)"


def check_backup_and_restore(cluster):
    backup_dir = cluster.tmp / "backup"
    env = cluster.env(BACKUP_DIR=str(backup_dir))
    subprocess.run(["sh", BASE_DIR / "docker/backup.sh"], env=env, check=True, capture_output=True)
    (archive,) = sorted(backup_dir.iterdir())
    sql(cluster, "SELECT 1")
    with psycopg.connect(cluster.database_url("postgres"), autocommit=True) as connection:
        connection.execute("CREATE DATABASE restore_scratch")
    restore_env = cluster.env(
        DATABASE_URL=cluster.database_url("restore_scratch"),
        MEDIA_ROOT=str(cluster.tmp / "restored-media"),
        GONGKAI_PRIVATE_MEDIA_ROOT=str(cluster.tmp / "restored-private"),
    )
    result = subprocess.run(
        ["sh", BASE_DIR / "docker/restore.sh", archive], env=restore_env, check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    query = "SELECT (SELECT count(*) FROM wagtailcore_page), (SELECT count(*) FROM consultations_comment)"
    assert sql(cluster, query, "restore_scratch") == sql(cluster, query), "the restored database differs"
    originals = sorted(p.relative_to(cluster.private_media) for p in cluster.private_media.rglob("*") if p.is_file())
    restored_root = cluster.tmp / "restored-private"
    restored = sorted(p.relative_to(restored_root) for p in restored_root.rglob("*") if p.is_file())
    assert originals and restored == originals, "private media not restored"
    return f"{archive.name}: database, {len(restored)} private file(s) restored into a scratch database and dirs"


CHECKS = [
    check_public_pages_are_cached,
    check_session_is_shared,
    check_rate_limit_holds_across_servers,
    check_attachment_is_shared,
    check_publish_purges,
    check_backup_and_restore,
    check_stopping_a_server_loses_nothing,
]
