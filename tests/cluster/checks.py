"""The cluster checks: each takes the running Cluster, asserts, and says what it saw."""

import re
import subprocess
import threading
import time

import psycopg

from .client import Browser, authenticator_code, form_value, manual_entry_key
from .harness import AUTHENTICATOR_KEYS, BASE_DIR, PASSWORD

DOCUMENT_TITLE = "示例市住房公积金缴存管理办法"  # tests/cluster/seed.py
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" + b"0" * 64


def sql(cluster, query, database="gongkai"):
    with psycopg.connect(cluster.database_url(database)) as connection:
        return connection.execute(query).fetchall()


def sign_in(browser, username, port, factor_port=None):
    """Sign in as a person would: the password on one server, then the second factor the admin
    asks for, on ``factor_port`` if given: a code from the authenticator app, or for an account
    without one, enrolling the app from the key shown for manual entry.  Says which it was."""
    page = browser.get(port, "/admin/login/")
    token = form_value(page.text, "csrfmiddlewaretoken")
    fields = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": "/admin/"}
    response = browser.post(port, "/admin/login/", fields)
    assert response.status == 302, f"login answered {response.status}"
    assert "sessionid" in browser.cookies
    factor_port = factor_port or port
    target = response.headers["Location"]
    asked = browser.get(factor_port, target)
    assert asked.status == 302, f"{target} after the password alone: {asked.status} (no second factor asked)"
    step = asked.headers["Location"]
    page = browser.get(factor_port, step)
    assert page.status == 200, f"{step}: {page.status}"
    fields = {
        "csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"),
        "next": form_value(page.text, "next"),
    }
    if "/2fa/setup/" in step:
        key, how = manual_entry_key(page.text), "enrolled the authenticator"
    elif "/2fa/verify/" in step:
        key, how = AUTHENTICATOR_KEYS[username], "authenticator code"
    else:
        raise AssertionError(f"{target} after the password sent to {step}")
    assert key, f"{username} has no authenticator but was asked for its code"
    fields["token"] = authenticator_code(key)
    response = browser.post(factor_port, step, fields)
    if how == "enrolled the authenticator":
        assert response.status == 200 and "两步验证已启用" in response.text, f"enrolment answered {response.status}"
    else:
        assert response.status == 302 and response.headers["Location"] == target, (
            f"the authenticator code answered {response.status} {response.headers.get('Location')}"
        )
    return how


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
    # A superuser's first sign-in: the password on server 1, the enrolment on server 2.
    webmaster = Browser()
    one, two = cluster.app_ports
    how = sign_in(webmaster, "webmaster", one, factor_port=two)
    for number, port in enumerate(cluster.app_ports, start=1):
        dashboard = webmaster.get(port, "/admin/")
        assert dashboard.status == 200, f"the signed-in session gave {dashboard.status} on server {number}"
        assert "webmaster" in dashboard.text, f"server {number}'s dashboard does not name the user"
    stranger = Browser().get(two, "/admin/")
    assert stranger.status == 302 and "/admin/login/" in stranger.headers["Location"], stranger.status
    return f"password on server 1, second factor ({how}) on server 2: admin dashboard 200 on both"


def check_rate_limit_holds_across_servers(cluster):
    # GONGKAI_LOOKUP_RATE_LIMIT=3 per client address; requests alternate between the servers.
    # The counters are per clock hour (core/guards.py): do not straddle the turn of an hour.
    to_next_hour = 3600 - time.time() % 3600
    if to_next_hour < 60:
        time.sleep(to_next_hour + 1)
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
    # Through Varnish, which adds its own address to X-Forwarded-For: the same client, still refused.
    page = citizen.get(cluster.varnish_port, path)
    fields = {"csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"), "code": "ZZZZ", "contact": "1"}
    same_through_proxy = citizen.post(cluster.varnish_port, path, fields).status
    assert same_through_proxy == 429, f"the limited address got {same_through_proxy} through Varnish"
    page = other.get(cluster.varnish_port, path)
    fields = {"csrfmiddlewaretoken": form_value(page.text, "csrfmiddlewaretoken"), "code": "ZZZZ", "contact": "1"}
    through_proxy = other.post(cluster.varnish_port, path, fields).status
    assert through_proxy == 404, f"another address was refused ({through_proxy}): the limit is not per client"
    return (
        f"same address on servers 1,2,1,2,1: {statuses}, then through Varnish: {same_through_proxy}; "
        f"another address through Varnish: {through_proxy}"
    )


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
    pk, name = sql(cluster, "SELECT id, file FROM consultations_commentattachment ORDER BY id DESC LIMIT 1")[0]
    assert (cluster.private_media / name).read_bytes() == PDF, "the file is not in the private media"
    assert not (cluster.media / name).exists(), "the file is in the public media"
    moderator = Browser()
    sign_in(moderator, "moderator", two)
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
    sign_in(editor, "editor", one)
    page_id = cluster.seed["document_id"]
    response = admin_post(editor, one, f"/admin/pages/{page_id}/unpublish/")
    assert response.status == 302, f"unpublish answered {response.status}"

    def gone():
        return visitor.get(port, document).status == 404 and DOCUMENT_TITLE not in visitor.get(port, catalogue).text

    unpublished_after, unpublished_tries = _wait_until(gone)
    assert DOCUMENT_TITLE not in visitor.get(port, catalogue + "feed/rss/").text
    # Cached again without the document, so that only a purge can bring it back.
    for path in (document, catalogue, home, catalogue + "feed/rss/"):
        visitor.get(port, path)
        assert visitor.get(port, path).headers["X-Cache"] == "HIT", f"{path} not cached after the unpublish"
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
    # The load's requests carry Varnish's address as Referer (the probes and start-up checks do not).
    served_by_two = (cluster.tmp / "app1.log").read_text().count(f'"https://127.0.0.1:{cluster.varnish_port}/healthz/"')
    assert served_by_two > 0, "server 2 served none of the load before it stopped"
    assert len(failed) <= len(threads), f"{len(failed)} requests failed: {failed[:10]}"
    assert cluster.healthy(cluster.app_ports[0])
    return (
        f"{len(results)} requests, server 2 stopped after {before} (it served {served_by_two}): "
        f"{len(failed)} failed (in flight: up to {len(threads)})"
    )


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
