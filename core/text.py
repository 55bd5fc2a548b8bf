"""Chinese text: the one place where brackets, widths and invisible characters are folded, and titles quoted.

Every 文号 comparison (catalogue import, the document number filter, search,
the search engines' char filters) goes through the tables here, so a number typed
as ``荆政办文[2020]6号``, ``荆政办文【２０２０】６号`` or ``荆政办文〔2020〕6号`` is one number.
"""

from __future__ import annotations

import unicodedata

__all__ = ["BRACKET_FOLD", "INVISIBLE_CHARACTERS", "fold", "normalise", "normalise_document_number", "quoted_title"]

#: Every bracket style people type around the year of a 文号, folded to the standard 〔 〕.
#: NFKC has already turned ［ ］ into [ ] and ﹝ ﹞ into 〔 〕 when this table is applied;
#: the full-width forms are listed too for analysers that do not apply NFKC first.
BRACKET_FOLD = {
    "[": "〔",
    "]": "〕",
    "［": "〔",
    "］": "〕",
    "【": "〔",
    "】": "〕",
    "〖": "〔",
    "〗": "〕",
    "〘": "〔",
    "〙": "〕",
}
_BRACKET_TABLE = str.maketrans(BRACKET_FOLD)

#: Zero-width and direction marks, the word joiner and the byte-order mark: invisible, never meaningful.
INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_INVISIBLE_TABLE = str.maketrans(dict.fromkeys(INVISIBLE_CHARACTERS))


def fold(text: str) -> str:
    """NFKC (full-width digits, letters and punctuation to ASCII), brackets to 〔〕, invisible characters removed."""
    if not text:
        return ""
    return unicodedata.normalize("NFKC", text).translate(_BRACKET_TABLE).translate(_INVISIBLE_TABLE)


def normalise(text: str) -> str:
    """The canonical form for indexing and querying: folded, lower case, whitespace collapsed and stripped."""
    return " ".join(fold(text).lower().split())


def normalise_document_number(text: str) -> str:
    """A document number (文号) for matching: folded, all whitespace removed.

    >>> normalise_document_number("荆政办文［２０２０］ ６ 号")
    '荆政办文〔2020〕6号'
    """
    return "".join(fold(text).split())


def quoted_title(title):
    """《title》, unless that would nest 《》 inside 《》 (关于《…办法》的通知): then “title”."""
    title = str(title)
    if "《" in title or "》" in title:
        return f"“{title}”"
    return f"《{title}》"
