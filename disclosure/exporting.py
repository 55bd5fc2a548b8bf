"""The catalogue as a spreadsheet-friendly CSV (UTF-8 with BOM so Excel reads the Chinese)."""

import csv
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

CSV_HEADER = ["索引号", "名称", "文号", "发布机构", "主题分类", "公文种类", "效力等级", "有效性", "成文日期", "发布日期", "内容概述", "网址"]  # fmt: skip


def _date(value):
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


# A cell starting with one of these may be run as a formula by a spreadsheet program
# (tab, CR and LF too: some programs strip them and read what follows).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value):
    """The text of a cell, with a leading apostrophe when a spreadsheet could take it for a formula.

    The one formula guard of the project: every CSV and xlsx export goes through it.
    """
    text = str(value if value is not None else "")
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _cell(value):
    return spreadsheet_safe(value or "")


class SafeSpreadsheetExportMixin:
    """For Wagtail's exporting views (reports, snippet listings): text cells go through ``spreadsheet_safe``."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value) if isinstance(value, str) else value


def catalogue_csv_response(documents, request, filename="catalogue"):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.csv"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for doc in documents.iterator(chunk_size=500) if hasattr(documents, "iterator") else documents:
        writer.writerow(
            [
                _cell(doc.index_number),
                _cell(doc.title),
                _cell(doc.document_number),
                _cell(doc.organisation.name),
                _cell(str(doc.subject) if doc.subject_id else ""),
                _cell(doc.genre.name if doc.genre_id else ""),
                doc.get_rank_display(),
                doc.get_validity_display(),
                _date(doc.formed_on),
                _date(doc.published_at),
                _cell(doc.summary),
                request.build_absolute_uri(doc.url) if doc.url else "",
            ]
        )
    return response
