"""Purge the front cache when a page is published, unpublished, moved or deleted.

Wagtail's frontend cache (``wagtail.contrib.frontend_cache``, settings
``WAGTAILFRONTENDCACHE``) sends the PURGE requests; this module decides which URLs a
change touches and sends them once the transaction has committed (purging earlier would
let a request re-cache the old page before the change is visible). The changed page is
not the only page that shows it: its ancestors list it (sub-catalogue, catalogue,
disclosure index, the column, the home page), their feeds and exports carry it, pages
that link to it show its title, and the sitemap lists it. Each URL is purged without its
query string, and the Varnish configuration bans every variant of that path (filters,
page numbers, the elder mode).

Wagtail's own receivers purge the page alone, through a background task that waits for
the worker; they are replaced by the ones here, which purge at once.
"""

import copy
import logging
import threading

from django.apps import apps
from django.db import transaction
from django.urls import NoReverseMatch

from wagtail.contrib.frontend_cache import signal_handlers as wagtail_handlers
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

logger = logging.getLogger(__name__)

#: Pages linking to the changed one that are purged with it.
MAX_REFERRERS = 50
#: Descendants of a moved page whose old addresses are purged (the rest expire by s-maxage).
MAX_MOVED_DESCENDANTS = 2000


def _routes(page):
    """The page's own address and its routes that take no argument (feeds, exports)."""
    base = page.get_full_url()
    if not base:
        return []
    # Page URLs end with a slash; during a move Wagtail hands over the page without it.
    base = base if base.endswith("/") else base + "/"
    urls = [base + path.lstrip("/") for path in page.get_cached_paths()]
    if isinstance(page, RoutablePageMixin):
        for pattern in page.get_resolver().url_patterns:
            if not getattr(pattern, "name", None):
                continue
            try:
                urls.append(base + page.reverse_subpage(pattern.name).lstrip("/"))
            except NoReverseMatch:
                continue
    return urls


def _referrers(page):
    """Live pages whose content links to the page (Wagtail's reference index)."""
    references = ReferenceIndex.get_references_to(page).filter(
        base_content_type=ReferenceIndex._get_base_content_type(Page)
    )
    ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)[: MAX_REFERRERS * 2]}
    return Page.objects.filter(pk__in=ids).live().exclude(pk=page.pk).specific()[:MAX_REFERRERS]


def _sitemap(page):
    site = page.get_site()
    if site is None or not site.root_page.get_full_url():
        return []
    return [site.root_page.get_full_url() + "sitemap.xml"]


def urls_showing(page, parent=None):
    """Every URL whose cached copy may show the page. ``parent`` replaces the tree parent (moves)."""
    page = page.specific_deferred
    urls = set(_routes(page))
    if parent is None:
        listings = page.get_ancestors().specific()
    else:
        listings = [*parent.get_ancestors().specific(), parent.specific]
    for listing in listings:
        urls.update(_routes(listing))
    for referrer in _referrers(page):
        urls.update(_routes(referrer))
    urls.update(_sitemap(page))
    return urls


def purge_after_commit(urls):
    urls = sorted(set(urls))
    if not urls:
        return
    transaction.on_commit(lambda: purge_now(urls))


def purge_now(urls):
    for name, backend in get_backends().items():
        try:
            backend.purge_batch(urls)
        except Exception:
            # A cache that cannot be reached must not undo the publish; the pages expire by s-maxage.
            logger.exception("Front cache %s: purge of %d URLs failed", name, len(urls))


# ---------------------------------------------------------------- receivers


def on_publish_or_unpublish(sender, instance, **kwargs):
    if get_backends():  # no front cache configured: nothing to compute
        purge_after_commit(urls_showing(instance))


#: Old URLs of pages being moved, from pre_page_move to post_page_move (per thread).
_old_urls = threading.local()


def on_pre_move(sender, instance, parent_page_before=None, url_path_before=None, **kwargs):
    # Collected before the move: afterwards the old addresses can no longer be computed from the
    # tree. Wagtail has already given the instance its new url_path; the old one is passed along.
    if not instance.live or not get_backends():
        return
    old = copy.copy(instance)
    # The copy must not share the instance's cached specific objects (they carry the new path).
    old.__dict__.pop("specific_deferred", None)
    old.__dict__.pop("specific", None)
    if url_path_before:
        old.url_path = url_path_before if url_path_before.endswith("/") else url_path_before + "/"
    urls = set(urls_showing(old, parent=parent_page_before))
    for page in instance.get_descendants().live()[:MAX_MOVED_DESCENDANTS]:
        urls.update(_routes(page.specific_deferred))
    _old_urls.pending = {**getattr(_old_urls, "pending", {}), instance.pk: urls}


def on_post_move(sender, instance, parent_page_after=None, **kwargs):
    # post_page_move may carry another Python object for the page: look the old URLs up by pk.
    urls = set(getattr(_old_urls, "pending", {}).pop(instance.pk, ()))
    if instance.live and get_backends():
        urls.update(urls_showing(instance, parent=parent_page_after))
    purge_after_commit(urls)


def connect_signals():
    # Deleting a live page unpublishes it first (Wagtail's pre_delete receiver), so
    # page_unpublished covers deletion too.
    for model in [model for model in apps.get_models() if issubclass(model, Page)]:
        page_published.disconnect(wagtail_handlers.page_published_signal_handler, sender=model)
        page_unpublished.disconnect(wagtail_handlers.page_unpublished_signal_handler, sender=model)
    page_published.connect(on_publish_or_unpublish, dispatch_uid="frontcache-published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="frontcache-unpublished")
    pre_page_move.connect(on_pre_move, dispatch_uid="frontcache-pre-move")
    post_page_move.connect(on_post_move, dispatch_uid="frontcache-post-move")
