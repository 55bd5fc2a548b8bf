"""New pages added to the page tree in bulk: paths in one pass, a few INSERTs per batch.

What ``parent.add_child(instance=page)`` and ``Page.save()`` do for each page (a tree
query for the last child, the url path, the locale, the site-root check, the
"wagtail.create" audit-log entry, the parent's child count) is done here once per
batch.  Pages get no revision, as when they were saved one by one.
"""

from django.db import connection
from django.db.models import F
from django.utils import timezone

from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry

from treebeard.exceptions import PathOverflow


class PageBatch:
    """Specific pages (not saved yet) placed under existing parents, inserted together by ``save()``."""

    def __init__(self, locale_id):
        self.locale_id = locale_id
        self.pages = []
        self._last_step = {}  # parent pk -> step of its last child, read once per batch
        self._added = {}  # parent pk -> pages added under it

    def add(self, parent, page):
        """Give ``page`` its place under ``parent``: path, depth, url path, locale, draft title."""
        if parent.pk not in self._last_step:
            self._last_step[parent.pk] = self._last_child_step(parent)
        step = self._last_step[parent.pk] + 1
        if len(Page._int2str(step)) > Page.steplen:
            raise PathOverflow(f"{parent.title} 下的页面已达上限")
        self._last_step[parent.pk] = step
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = self.locale_id
        page.draft_title = page.title
        self.pages.append(page)
        self._added[parent.pk] = self._added.get(parent.pk, 0) + 1
        return page

    @staticmethod
    def _last_child_step(parent):
        # What treebeard's add_child reads (its last child), as a range of the path index.
        last = (
            Page.objects.filter(depth=parent.depth + 1, path__range=Page._get_children_path_interval(parent.path))
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return Page._str2int(last[-Page.steplen :]) if last else 0

    def save(self):
        """Insert the pages (the Page rows, then each page type's rows), their audit-log entries and child counts."""
        if not self.pages:
            return
        # The Page rows first, for their keys (SQLite and PostgreSQL both return them from a bulk insert).
        ids = _insert_rows(
            Page, self.pages, [f for f in Page._meta.concrete_fields if not f.primary_key], returning=True
        )
        by_model = {}
        for page, (pk,) in zip(self.pages, ids, strict=True):
            page.pk = page.id = pk  # page.pk is the page_ptr of the specific row
            page._state.adding = False
            page._state.db = connection.alias
            by_model.setdefault(type(page), []).append(page)
        for model, pages in by_model.items():
            _insert_rows(model, pages, model._meta.local_concrete_fields)
        for parent_pk, count in self._added.items():
            if count:
                Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
        self._log_creation()

    def _log_creation(self):
        # The entry Page.save() writes for a new page (log_action defaults to "wagtail.create").
        context = get_active_log_context()
        now = timezone.now()
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    page_id=page.pk,
                    content_type_id=page.content_type_id,  # the specific type, as log() records it
                    label=page.get_admin_display_title(),
                    action="wagtail.create",
                    timestamp=now,
                    data={},
                    user_id=page.owner_id or getattr(context.user, "pk", None),
                    uuid=context.uuid,
                    content_changed=True,
                )
                for page in self.pages
            ],
            batch_size=500,
        )


def _insert_rows(model, objects, fields, returning=False):
    """INSERT ``fields`` of ``objects`` into ``model``'s table, as many rows per statement as the database takes.

    ``bulk_create`` refuses multi-table models, so a page goes in as ``save()`` writes
    it: the Page row (the specific page supplies its values), then the row of its own
    table keyed by ``page_ptr``.  Returns the new primary keys if ``returning``.
    """
    queryset = model._base_manager.using(connection.alias)
    returning_fields = model._meta.db_returning_fields if returning else None
    size = max(connection.ops.bulk_batch_size(fields, objects), 1)
    keys = []
    for start in range(0, len(objects), size):
        rows = queryset._insert(
            objects[start : start + size], fields=fields, returning_fields=returning_fields, using=connection.alias
        )
        if returning:
            keys.extend(rows)
    return keys
