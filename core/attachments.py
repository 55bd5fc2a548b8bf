"""The text of attached documents, for the page models and checks that need it, read by whichever app can.

Page models ask :func:`attachment_text_for`, content checks ask :func:`document_texts`.
The search app, which extracts and stores the text of PDF and Word files, registers
its source when it starts (so nothing here imports it). Without a source registered
the answers are empty.
"""

from collections.abc import Callable, Iterable

#: Each source takes document ids and returns {document id: extracted text}.
_sources: list[Callable[[Iterable[int]], dict[int, str]]] = []


def register_document_text_source(source):
    """Add a source of extracted document text; registering the same source twice has no effect."""
    if source not in _sources:
        _sources.append(source)
    return source


def document_texts(document_ids) -> dict[int, str]:
    """{document id: extracted text} from every registered source."""
    document_ids = sorted({int(pk) for pk in document_ids})
    texts: dict[int, str] = {}
    if document_ids:
        for source in _sources:
            texts.update(source(document_ids))
    return texts


def attachment_text_for(page, texts=None) -> str:
    """The text of every attachment of ``page`` (its ``attachments`` inline panel), in attachment order.

    ``texts`` ({document id: text}, e.g. read for a whole list of pages at once) is used
    instead of asking the sources.
    """
    attachments = getattr(page, "attachments", None)
    if attachments is None:
        return ""
    document_ids = [attachment.document_id for attachment in attachments.all() if attachment.document_id]
    if texts is None:
        texts = document_texts(document_ids)
    return " ".join(texts[pk] for pk in document_ids if texts.get(pk))
