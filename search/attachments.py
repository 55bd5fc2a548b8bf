"""Text of PDF and Word attachments, extracted when a document is saved.

The text is stored in ``AttachmentText`` (one row per Wagtail document) and
indexed with the page that lists the document (``PolicyDocumentPage
.attachment_text``).  Extraction failures are recorded, never raised: an
unreadable file must not stop an editor from saving.
"""

from __future__ import annotations

import hashlib
import io
import logging

from wagtail.search.index import insert_or_update_object

from disclosure.models import PolicyDocumentPage
from search.models import AttachmentText

logger = logging.getLogger(__name__)

#: Stored text is cut at this many characters (the index need not hold whole books).
MAX_TEXT_CHARS = 200_000


def _extract_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _extract_docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _extract_txt(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


EXTRACTORS = {"pdf": _extract_pdf, "docx": _extract_docx, "txt": _extract_txt}


def extract_text(filename: str, data: bytes) -> str:
    """Plain text of a file by extension; ``""`` for unsupported types."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        return ""
    return " ".join(extractor(data).split())[:MAX_TEXT_CHARS]


def update_document_text(document) -> bool:
    """(Re-)extract ``document``'s text if its file changed; return whether it did."""
    try:
        with document.open_file() as fh:
            data = fh.read()
    except (OSError, ValueError) as exc:
        logger.warning("Cannot read document %s: %s", document.pk, exc)
        return False
    file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    existing = AttachmentText.objects.filter(document=document).first()
    if existing and existing.file_hash == file_hash:
        return False
    error = ""
    try:
        text = extract_text(document.file.name, data)
    except Exception as exc:
        # A broken or hostile file must never stop the editor saving the document.
        logger.exception("Cannot extract text from document %s", document.pk)
        text, error = "", str(exc)[:200]
    AttachmentText.objects.update_or_create(
        document=document, defaults={"text": text, "file_hash": file_hash, "error": error}
    )
    return True


def reindex_pages_using(document) -> None:
    """Re-index the live pages that list ``document`` as an attachment."""
    for page in PolicyDocumentPage.objects.filter(attachments__document=document).distinct():
        insert_or_update_object(page)


def on_page_published(sender, instance, **kwargs):
    """Re-index a published page once its attachments are saved.

    Wagtail indexes a page from ``post_save``, before modelcluster has saved
    its child rows, so the first index entry misses new attachments.
    """
    if hasattr(instance, "attachment_text"):
        insert_or_update_object(instance)


def on_document_saved(sender, instance, **kwargs):
    if update_document_text(instance):
        reindex_pages_using(instance)


def texts_by_document(document_ids) -> dict[int, str]:
    """{document id: extracted text} for the given documents (those with text only)."""
    rows = AttachmentText.objects.filter(document_id__in=list(document_ids)).exclude(text="")
    return dict(rows.values_list("document_id", "text"))
