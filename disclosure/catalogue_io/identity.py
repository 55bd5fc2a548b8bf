"""How a line is recognised as imported already, so that an import stopped half-way can be run again.

A document is known by its 索引号 when the line gives one; otherwise by its
发布机构, 标题, 文号 and 成文日期 together (a 文号 alone is not enough: it may be
blank, and two bodies may issue the same one).  An interpretation is known by its
机构, 标题 and 发布日期.  ``Catalogued`` finds what the catalogue holds of one batch
of lines with a few queries, before the lines are validated.
"""

from django.utils import timezone

from core.text import normalise_document_number
from disclosure.models import InterpretationPage, PolicyDocumentPage


def _reference_key(reference):
    # An organisation --create-missing has not created yet (a ("missing", kind, name) marker) goes by its name.
    if reference is None or isinstance(reference, tuple):
        return reference
    return reference.pk


def document_key(record):
    return (
        _reference_key(record["organisation"]),
        record["title"],
        normalise_document_number(record["document_number"]),
        record["formed_on"],
    )


def interpretation_key(record):
    return (_reference_key(record["organisation"]), record["title"], record["published_on"])


def owner_key(record):
    """Whose 索引号 it is: a document with the same 索引号 and this key is the same document."""
    return (_reference_key(record["organisation"]), record["title"])


def _text(data, name):
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


class Catalogued:
    """The documents and interpretations of the catalogue that lines of one batch may repeat."""

    def __init__(self, items):
        index_numbers, numbers, untitled, interpretation_titles = set(), set(), set(), set()
        for data in items:
            if data.get("type") == "interpretation":
                interpretation_titles.add(_text(data, "title"))
            elif index_number := _text(data, "index_number"):
                index_numbers.add(index_number)
            elif number := normalise_document_number(_text(data, "document_number")):
                numbers.add(number)
            else:
                untitled.add(_text(data, "title"))
        # 索引号 -> (organisation pk, title) of the document that has it.
        self.index_numbers = {}
        if index_numbers:
            rows = PolicyDocumentPage.objects.filter(index_number__in=index_numbers)
            for index_number, organisation_id, title in rows.values_list("index_number", "organisation_id", "title"):
                self.index_numbers[index_number] = (organisation_id, title)
        self.documents = set()
        fields = ("organisation_id", "title", "document_number_normalised", "formed_on")
        if numbers:
            rows = PolicyDocumentPage.objects.filter(document_number_normalised__in=numbers)
            self.documents.update(rows.values_list(*fields))
        if untitled:
            rows = PolicyDocumentPage.objects.filter(document_number_normalised="", title__in=untitled)
            self.documents.update(rows.values_list(*fields))
        self.interpretations = set()
        if interpretation_titles:
            rows = InterpretationPage.objects.filter(title__in=interpretation_titles)
            for organisation_id, title, published_at in rows.values_list("organisation_id", "title", "published_at"):
                self.interpretations.add((organisation_id, title, timezone.localdate(published_at)))
