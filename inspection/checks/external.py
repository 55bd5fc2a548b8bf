"""Checking external links: a timeout per request, a few hosts at a time, one request at a time per host."""

import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

import requests

from ..models import ExternalLink

USER_AGENT = "Gongkai-LinkCheck/1.0 (+government website inspection)"


def link_settings():
    return {
        "timeout": getattr(settings, "GONGKAI_LINK_CHECK_TIMEOUT", 10),
        "concurrency": getattr(settings, "GONGKAI_LINK_CHECK_CONCURRENCY", 4),
        "host_delay": getattr(settings, "GONGKAI_LINK_CHECK_HOST_DELAY_MS", 1000) / 1000,
    }


def check_url(session, url, timeout):
    """(HTTP status or None, error text or "") for one URL; HEAD first, GET where HEAD is refused."""
    try:
        response = session.head(url, timeout=timeout, allow_redirects=True)
        if response.status_code in {403, 405, 501}:
            response = session.get(url, timeout=timeout, allow_redirects=True, stream=True)
            response.close()
        return response.status_code, ""
    except requests.TooManyRedirects:
        return None, _("重定向循环")
    except requests.Timeout:
        return None, _("连接超时（%(seconds)s秒）") % {"seconds": timeout}
    except requests.ConnectionError:
        return None, _("无法连接")
    except requests.RequestException as exc:
        return None, str(exc)[:200]


def check_urls(urls, *, timeout=None, concurrency=None, host_delay=None):
    """{url: (status, error)}; each host's URLs are checked in turn with ``host_delay`` seconds between them."""
    options = link_settings()
    timeout = options["timeout"] if timeout is None else timeout
    concurrency = options["concurrency"] if concurrency is None else concurrency
    host_delay = options["host_delay"] if host_delay is None else host_delay
    by_host = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).netloc.lower()].append(url)
    results = {}
    lock = threading.Lock()

    def check_host(host_urls):
        with requests.Session() as session:
            session.headers["User-Agent"] = USER_AGENT
            session.max_redirects = 10
            for index, url in enumerate(host_urls):
                if index:
                    time.sleep(host_delay)
                outcome = check_url(session, url, timeout)
                with lock:
                    results[url] = outcome

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        list(pool.map(check_host, by_host.values()))
    return results


def is_ok(status):
    return status is not None and status < 400


def update_external_links(queryset=None, **options):
    """Check the stored external links and record status, error and since when each one fails."""
    links = list(queryset if queryset is not None else ExternalLink.objects.all())
    results = check_urls([link.url for link in links], **options)
    now = timezone.now()
    for link in links:
        status, error = results[link.url]
        ok = is_ok(status)
        link.status_code, link.error, link.last_checked_at = status, error, now
        if ok:
            link.failing_since = None
        elif link.ok is not False or link.failing_since is None:
            link.failing_since = now
        link.ok = ok
    ExternalLink.objects.bulk_update(
        links, ["status_code", "error", "ok", "failing_since", "last_checked_at"], batch_size=500
    )
    return links
