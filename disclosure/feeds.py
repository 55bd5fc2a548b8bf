"""RSS and Atom feeds of a (filtered) catalogue, so other channels can follow it."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


class CatalogueRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, catalogue, documents, request):
        super().__init__()
        self.catalogue = catalogue
        self.documents = list(documents)
        self.request = request

    def title(self):
        return self.catalogue.title

    def link(self):
        return self.catalogue.get_url(self.request)

    def description(self):
        return f"{self.catalogue.title}最新公开的政府信息"

    def items(self):
        return self.documents

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_description(self, item):
        parts = [f"索引号：{item.index_number}", f"发布机构：{item.organisation.name}"]
        if item.document_number:
            parts.append(f"文号：{item.document_number}")
        if item.summary:
            parts.append(item.summary)
        return "；".join(parts)

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [str(item.subject)] if item.subject_id else []

    def item_guid(self, item):
        return item.index_number or str(item.pk)

    item_guid_is_permalink = False


class CatalogueAtomFeed(CatalogueRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
