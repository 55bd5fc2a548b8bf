"""Export of the catalogue as JSON Lines that round-trip through the importer."""

import json

from django.utils import timezone

from disclosure.models import (
    InterpretationPage,
    PolicyDocumentPage,
)


def _body_html(body):
    parts = []
    for block in body:
        if block.block_type == "paragraph":
            parts.append(block.value.source)
        elif block.block_type == "heading":
            level = block.value["level"]
            parts.append(f"<{level}>{block.value['text']}</{level}>")
    return "".join(parts)


def _day(value):
    if value is None:
        return None
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _keyword_list(keywords):
    return [word for word in keywords.replace("，", ",").split(",") if word.strip()]


def export_records():
    """Yield one dict per live document, then per interpretation, in import order."""
    documents = (
        PolicyDocumentPage.objects.live()
        .select_related("organisation", "subject", "subject__parent", "genre")
        .prefetch_related("attachments__document", "predecessor_links__page")
        .order_by("published_at", "pk")
    )
    for doc in documents:
        yield {
            "title": doc.title,
            "document_number": doc.document_number,
            "organisation": doc.organisation.name,
            "formed_on": _day(doc.formed_on),
            "published_on": _day(doc.published_at),
            "effective_on": _day(doc.effective_on),
            "subject": str(doc.subject) if doc.subject_id else "",
            "genre": doc.genre.name if doc.genre_id else "",
            "rank": doc.get_rank_display(),
            "validity": doc.get_validity_display(),
            "summary": doc.summary,
            "body_html": _body_html(doc.body),
            "keywords": _keyword_list(doc.keywords),
            "disclosure": doc.get_disclosure_method_display(),
            "scope": doc.get_disclosure_scope_display(),
            "index_number": doc.index_number,
            "attachments": [
                {"title": a.display_title, "path": a.document.file.path} for a in doc.attachments.all() if a.document
            ],
            "replaces": [
                link.page.document_number for link in doc.predecessor_links.all() if link.page.document_number
            ],
        }
    interpretations = (
        InterpretationPage.objects.live()
        .select_related("organisation")
        .prefetch_related("interpreted_policies__policy")
        .order_by("published_at", "pk")
    )
    for item in interpretations:
        yield {
            "type": "interpretation",
            "title": item.title,
            "organisation": item.organisation.name if item.organisation_id else "",
            "published_on": _day(item.published_at),
            "form": item.get_form_display(),
            "summary": item.summary,
            "body_html": _body_html(item.body),
            "keywords": _keyword_list(item.keywords),
            "interprets": [
                link.policy.document_number for link in item.interpreted_policies.all() if link.policy.document_number
            ],
        }


def export_lines():
    for record in export_records():
        yield json.dumps(record, ensure_ascii=False)
