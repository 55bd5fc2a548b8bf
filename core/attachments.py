"""Attachment text for the pages that carry files: read by whichever app can read files.

Page models ask :func:`attachment_text_for`; the search app, which extracts and stores
the text of PDF and Word files, registers its reader when it starts. Without a reader
registered (or for a page without attachments) the answer is the empty string.
"""

from collections.abc import Callable

_readers: list[Callable[[object], str]] = []


def register_attachment_text_reader(reader: Callable[[object], str]) -> None:
    """Add ``reader(page) -> str``; registering the same reader twice has no effect."""
    if reader not in _readers:
        _readers.append(reader)


def attachment_text_for(page) -> str:
    """The text of every attachment of ``page``, from every registered reader."""
    return " ".join(text for text in (reader(page) for reader in _readers) if text)
