"""Matching the 错敏词 list: one Aho-Corasick automaton per list version, shared by every check."""

import threading
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext as _

import ahocorasick

from .models import WordEntry, WordListVersion
from .starter_words import starter_entries

CONTEXT_CHARS = 20


@dataclass(frozen=True)
class WordMatch:
    start: int
    end: int
    word: str
    kind: str
    correction: str
    note: str

    def context(self, text):
        """(before, match, after) with a few characters either side."""
        before = text[max(0, self.start - CONTEXT_CHARS) : self.start]
        after = text[self.end : self.end + CONTEXT_CHARS]
        return before, text[self.start : self.end], after


def highlighted(before, match, after):
    return format_html('…{}<mark class="inspection-mark">{}</mark>{}…', before, match, after)


class Matcher:
    """The automaton of one version of the word list."""

    def __init__(self, entries, version):
        self.version = version
        self.automaton = ahocorasick.Automaton()
        for word, kind, correction, note in entries:
            self.automaton.add_word(word, (word, kind, correction, note))
        self.empty = not entries
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text):
        """Matches in ``text``, longest first where two start at the same place, no overlaps."""
        if self.empty or not text:
            return []
        matches = []
        for end, (word, kind, correction, note) in self.automaton.iter(text):
            start = end - len(word) + 1
            matches.append(WordMatch(start, end + 1, word, kind, correction, note))
        if len(matches) < 2:
            return matches
        matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept, last_end = [], -1
        for match in matches:
            if match.start >= last_end:
                kept.append(match)
                last_end = match.end
        return kept


_cache = {"matcher": None}
_lock = threading.Lock()


def get_matcher():
    """The matcher of the current word list, rebuilt only when the list's version counter moved."""
    version = WordListVersion.current()
    matcher = _cache["matcher"]
    if matcher is not None and matcher.version == version:
        return matcher
    with _lock:
        matcher = _cache["matcher"]
        if matcher is None or matcher.version != version:
            entries = list(WordEntry.objects.filter(active=True).values_list("word", "kind", "correction", "note"))
            matcher = _cache["matcher"] = Matcher(entries, version)
    return matcher


def load_starter_list():
    """Add the starter entries that are missing; entries the office edited stay as they are."""
    existing = set(WordEntry.objects.values_list("word", flat=True))
    new = [
        WordEntry(word=word, kind=kind, correction=correction, note=note)
        for word, kind, correction, note in starter_entries()
        if word not in existing
    ]
    with transaction.atomic():
        WordEntry.objects.bulk_create(new)
        if new:
            WordListVersion.bump()
    return len(new)


KIND_BY_LABEL = {str(label): value for value, label in WordEntry.Kind.choices} | {
    value: value for value in WordEntry.Kind.values
}
KIND_BY_LABEL |= {"易错词": WordEntry.Kind.GENERAL}


def parse_rows(rows):
    """(word, kind, correction, note) from spreadsheet rows: 词语, 类型, 正确写法, 说明 (header optional)."""
    entries, errors = [], []
    for number, row in enumerate(rows, start=1):
        cells = [str(cell).strip() if cell is not None else "" for cell in row] + ["", "", "", ""]
        word, kind_label, correction, note = cells[:4]
        if number == 1 and word in {"词语", "错敏词", "word"}:
            continue
        if not word:
            continue
        kind = KIND_BY_LABEL.get(kind_label or "一般错误")
        if kind is None:
            errors.append(
                _("第%(row)d行：类型“%(kind)s”无效，应为严重错误、敏感词或一般错误。")
                % {"row": number, "kind": kind_label}
            )
            continue
        if len(word) > 100 or len(correction) > 100:
            errors.append(_("第%(row)d行：词语和正确写法不能超过100个字。") % {"row": number})
            continue
        if word == correction:
            errors.append(_("第%(row)d行：正确写法与词语相同。") % {"row": number})
            continue
        entries.append((word, kind, correction, note[:200]))
    return entries, errors


def import_entries(entries):
    """Create or update entries by word; returns (created, updated)."""
    created = updated = 0
    with transaction.atomic():
        for word, kind, correction, note in entries:
            _entry, was_created = WordEntry.objects.update_or_create(
                word=word, defaults={"kind": kind, "correction": correction, "note": note, "active": True}
            )
            created += was_created
            updated += not was_created
        WordListVersion.bump()
    return created, updated
