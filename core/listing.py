"""One way to list things on a public page: page size, filter form, page number, query string, noindex.

News columns, the catalogue, interpretations, consultations and the search page all
paginate through :class:`Listing`; pages get it through :class:`FilterableListMixin`.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict

#: More active filters than this make a combination nobody links to: keep it out of search engines.
INDEXABLE_FILTERS = 1


def mark_noindex(response, form):
    """``X-Robots-Tag: noindex`` on ``response`` when ``form`` has more active filters than is worth indexing."""
    active = form.active_filters() if form is not None and hasattr(form, "active_filters") else []
    if len(active) > INDEXABLE_FILTERS:
        response["X-Robots-Tag"] = "noindex"
    return response


class KeysFirst:
    """A queryset paged by primary key first, for long listings (the catalogue at 100,000 documents).

    ``OFFSET`` walks the rows before the page: reading only their keys and loading the page's
    objects afterwards keeps page 500 from reading 10,000 full rows (StreamField bodies
    included). ``count`` may be given a cheaper way to count the same rows.
    """

    def __init__(self, queryset, count=None):
        self.queryset = queryset
        self._count = count

    def count(self) -> int:
        return self._count() if self._count is not None else self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        keys = list(self.queryset.values_list("pk", flat=True)[key])
        objects = self.queryset.order_by().in_bulk(keys)
        return [objects[pk] for pk in keys if pk in objects]


class Listing:
    """One page of ``items`` for ``request``, with the query string of the other pages (without ``page``).

    ``form`` is an optional bound filter form offering ``active_filters()``; ``count`` can be
    passed when the caller knows it already (search engines report it with the hits).
    """

    def __init__(self, request, items, *, page_size: int, form=None, count: int | None = None):
        self.form = form
        paginator = Paginator(items, page_size)
        if count is not None:
            paginator.count = count
        self.page = paginator.get_page(request.GET.get("page"))
        query: QueryDict = request.GET.copy()
        query.pop("page", None)
        for key in [key for key, values in query.lists() if not any(values)]:
            query.pop(key)
        self.querystring = query.urlencode()

    @property
    def count(self) -> int:
        return self.page.paginator.count

    def context(self) -> dict:
        """What the listing templates and ``components/pagination.html`` read."""
        return {
            "form": self.form,
            "items": self.page,
            "result_count": self.count,
            "querystring": self.querystring,
        }

    def mark(self, response):
        """Add ``X-Robots-Tag: noindex`` to ``response`` when the filters make an endless combination."""
        return mark_noindex(response, self.form)


class FilterableListMixin:
    """A page that lists other things: subclasses say what (``listing_items``) and may add a filter form."""

    page_size = 20
    #: A form class taking ``request.GET`` with ``filter(items)`` and ``active_filters()``; None for no filters.
    filter_form_class = None

    def get_filter_form(self, request):
        if self.filter_form_class is None:
            return None
        return self.filter_form_class(request.GET or None)

    def listing_items(self, request):
        raise NotImplementedError

    def filtered_items(self, request, form):
        items = self.listing_items(request)
        return form.filter(items) if form is not None else items

    def get_listing(self, request) -> Listing:
        form = self.get_filter_form(request)
        return Listing(request, self.filtered_items(request, form), page_size=self.page_size, form=form)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = kwargs.get("listing") or self.get_listing(request)
        context["listing"] = listing
        context.update(listing.context())
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        listing = getattr(response, "context_data", {}).get("listing") if hasattr(response, "context_data") else None
        return listing.mark(response) if listing is not None else response
