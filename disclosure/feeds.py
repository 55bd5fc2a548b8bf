"""The catalogue's public outputs: RSS and Atom feeds and the CSV download (UTF-8 with BOM for Excel)."""

import csv
from urllib.parse import quote

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from core.spreadsheets import safe_cell


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


CSV_HEADER = ["索引号", "名称", "文号", "发布机构", "主题分类", "公文种类", "效力等级", "有效性", "成文日期", "发布日期", "内容概述", "网址"]  # fmt: skip


def _date(value):
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def catalogue_csv_response(documents, request, filename="catalogue"):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.csv"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for doc in documents.iterator(chunk_size=500) if hasattr(documents, "iterator") else documents:
        writer.writerow(
            [
                safe_cell(doc.index_number),
                safe_cell(doc.title),
                safe_cell(doc.document_number),
                safe_cell(doc.organisation.name),
                safe_cell(str(doc.subject) if doc.subject_id else ""),
                safe_cell(doc.genre.name if doc.genre_id else ""),
                doc.get_rank_display(),
                doc.get_validity_display(),
                _date(doc.formed_on),
                _date(doc.published_at),
                safe_cell(doc.summary),
                request.build_absolute_uri(doc.url) if doc.url else "",
            ]
        )
    return response
