"""Rows that public pages read on every request and editors seldom change, kept in the shared cache.

The search form's 发布机构 and 主题分类 lists, the site identity in every page's footer, the
search promotions and the column pages cost a query each on every page that shows them,
yet change only when an editor saves one of them. ``CachedRows`` keeps such rows in
Django's cache (Redis with ``REDIS_URL``, so every app server sees the same copy and the
same invalidation) and forgets them when a model it depends on is saved or deleted, or a
page is published, unpublished or moved. ``TIMEOUT`` bounds how long a change can go
unseen where the signal cannot tell: made without signals (a ``QuerySet.update`` in a
shell), or, without Redis, by another worker (each then has a cache of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

#: Seconds a copy is kept at most.
TIMEOUT = 60
#: Bump when the pickled shape of the cached rows changes (a deploy must not read the old shape).
VERSION = 1


class CachedRows:
    """The value of ``load()``, cached under ``key`` until a change to one of the ``models`` (or pages).

    ``models``: classes or ``"app_label.Model"`` labels; ``pages``: also forget the rows
    when any page is published, unpublished (Wagtail also says so of a deleted live page)
    or moved.
    """

    def __init__(self, key: str, load: Callable[[], Any], *, models=(), pages: bool = False):
        self.key = f"gongkai:rows:v{VERSION}:{key}"
        self.load = load
        self.models = models
        self.pages = pages

    def get(self) -> Any:
        value = cache.get(self.key)
        if value is None:
            value = self.load()
            cache.set(self.key, value, TIMEOUT)
        return value

    def forget(self, **kwargs) -> None:
        cache.delete(self.key)

    def connect(self) -> None:
        """Forget the rows when they may have changed (called from the app's ``ready``)."""
        for model in self.models:  # a class or an "app_label.Model" label
            label = model if isinstance(model, str) else model._meta.label
            for name, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(self.forget, sender=model, dispatch_uid=f"{self.key}:{name}:{label}")
        if self.pages:
            for name, signal in (
                ("published", page_published),
                ("unpublished", page_unpublished),
                ("moved", post_page_move),
            ):
                signal.connect(self.forget, dispatch_uid=f"{self.key}:{name}")
