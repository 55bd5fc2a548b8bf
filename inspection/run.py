"""A full inspection of the live site: every page's text and links, the columns, the statutory figures."""

from collections import defaultdict
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from modelcluster.models import get_all_child_relations
from wagtail.models import Page

from core.page_text import page_text
from review.departments import department_of_page, department_roots

from .checks.base import Found
from .checks.columns import column_findings
from .checks.content import LinkResolver, external_urls, page_findings
from .checks.statutory import statutory_findings
from .models import ExternalLink, Finding
from .words import get_matcher

CHUNK = 500


def live_pages():
    """Live content pages (not the tree root), in chunks of specific objects."""
    ids = list(Page.objects.live().filter(depth__gt=1).order_by("path").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        pages = list(Page.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("path").specific())
        by_model = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)
        for model, instances in by_model.items():
            # One query per inline relation and chunk instead of one per page.
            accessors = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
            if accessors:
                prefetch_related_objects(instances, *accessors)
        yield pages


def content_findings():
    """(findings, {external url: page ids}) over every live page."""
    matcher = get_matcher()
    resolver = LinkResolver()
    found, urls = [], defaultdict(set)
    for chunk in live_pages():
        texts = [(page, page_text(page)) for page in chunk]
        resolver.load([text for _page, text in texts])
        for page, text in texts:
            found.extend(page_findings(page, text_of_page=text, matcher=matcher, resolver=resolver))
            for url in external_urls(text):
                urls[url].add(page.pk)
    return found, urls


def sync_external_links(urls):
    """Store the external URLs found in content (new ones unchecked) and which pages use them."""
    existing = dict(ExternalLink.objects.values_list("url", "pk"))
    ExternalLink.objects.bulk_create(
        [ExternalLink(url=url, host=urlsplit(url).netloc.lower()[:255]) for url in urls if url not in existing],
        ignore_conflicts=True,
        batch_size=1000,
    )
    ids = dict(ExternalLink.objects.filter(url__in=list(urls)).values_list("url", "pk"))
    through = ExternalLink.pages.through
    through.objects.all().delete()
    through.objects.bulk_create(
        [through(externallink_id=ids[url], page_id=page_id) for url, pages in urls.items() for page_id in pages],
        batch_size=5000,
    )
    ExternalLink.objects.exclude(pk__in=list(ids.values())).delete()


def external_findings():
    found = []
    through = ExternalLink.pages.through
    failing = {link.pk: link for link in ExternalLink.objects.filter(ok=False)}
    rows = through.objects.filter(externallink_id__in=list(failing)).values_list("externallink_id", "page_id")
    pages = Page.objects.in_bulk({page_id for _link, page_id in rows})
    for link_id, page_id in rows:
        link = failing[link_id]
        status = f"HTTP {link.status_code}" if link.status_code else link.error
        since = link.failing_since.strftime("%Y-%m-%d") if link.failing_since else ""
        found.append(
            Found(
                Finding.Kind.BROKEN_EXTERNAL,
                pages.get(page_id),
                _("外部链接"),
                _("%(url)s 无法访问（%(status)s，自%(since)s起）")
                % {"url": link.url, "status": status, "since": since},
                suggestion=_("请更新或删除该链接"),
            )
        )
    return found


def inspect_site(save=True):
    """Every finding of the live site; stored as ``Finding`` rows for the dashboard when ``save``."""
    found, urls = content_findings()
    if save:
        sync_external_links(urls)
    found += external_findings() + column_findings() + statutory_findings()
    if save:
        store(found)
    return found


def store(found):
    roots = department_roots()
    departments = {}
    rows = []
    for item in found:
        page = item.page
        organisation = None
        if page is not None:
            if page.pk not in departments:
                departments[page.pk] = department_of_page(page, roots)
            organisation = departments[page.pk]
        rows.append(
            Finding(
                kind=item.kind,
                page_id=page.pk if page is not None else None,
                organisation=organisation,
                page_title=(page.title if page is not None else "")[:255],
                field=str(item.field)[:255],
                subject=str(item.subject)[:500],
                context=item.context,
                suggestion=str(item.suggestion)[:500],
            )
        )
    with transaction.atomic():
        Finding.objects.all().delete()
        Finding.objects.bulk_create(rows, batch_size=1000)
    return rows
