"""No applicant's data reaches any public response: crawl the whole site after applying."""

from urllib.parse import parse_qs, urljoin, urlparse

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from applications import handling
from applications.models import Application
from applications.tests.helpers import person_data
from disclosure.factories import (
    AnnualReportIndexPageFactory,
    DisclosureGuidePageFactory,
    DisclosureIndexPageFactory,
)

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/static/", "/documents/", "/media/")


def crawl(client, start_urls, limit=300):
    seen, queue, pages = set(), list(start_urls), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        path = urlparse(url).path + (f"?{urlparse(url).query}" if urlparse(url).query else "")
        if path in seen or path.startswith(SKIP_PREFIXES) or urlparse(url).netloc not in ("", "testserver"):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or not hasattr(response, "content"):
            continue
        body = response.content.decode("utf-8", "replace")
        pages[path] = body
        if "html" in response.get("Content-Type", ""):
            for link in BeautifulSoup(body, "html.parser").find_all("a", href=True):
                href = urljoin(path, link["href"]).split("#")[0]
                if href.startswith("/") or "testserver" in href:
                    queue.append(href)
    return pages


def test_no_applicant_data_in_any_public_response(client, home_page, site_identity, organisation, admin_user):
    disclosure = DisclosureIndexPageFactory(parent=home_page)
    DisclosureGuidePageFactory(parent=disclosure, organisation=organisation)
    AnnualReportIndexPageFactory(parent=disclosure)
    client.post(reverse("applications:apply"), person_data(organisation))
    application = Application.objects.get()
    handling.assign(application, admin_user, organisation)
    handling.submit_draft(
        application, admin_user, outcome="disclosed", reply_text="现提供给你。", provided_how="电子邮件"
    )
    handling.approve_reply(application, admin_user)

    visitor = client.__class__()  # another browser: no receipt, no lookup in its session
    pages = crawl(
        visitor,
        [
            "/",
            "/sitemap.xml",
            "/robots.txt",
            reverse("applications:apply"),
            reverse("applications:status"),
            reverse("applications:receipt", args=[application.number]),
            f"/search/?q={application.name}",
            f"/search/?q={application.info_title}",
            f"/search/?q={application.phone}",
        ],
    )
    assert len(pages) >= 6
    secrets = [application.name, application.phone, application.email, application.id_number, application.address]
    for path, body in pages.items():
        if path.startswith("/search/"):
            # The search page repeats what was typed; nothing else of the applicant may come back.
            query = parse_qs(urlparse(path).query).get("q", [""])[0]
            body = body.replace(query, "")
        for secret in secrets:
            assert secret not in body, f"{secret} in {path}"
    # The letter is not reachable without the applicant's contact either.
    letter = application.letters.get()
    assert visitor.get(reverse("applications:letter", args=[letter.pk])).status_code == 404
