"""How each catalogue line is read and checked, and how a line imported already is recognised."""

from collections import Counter
from pathlib import Path
from typing import NamedTuple

from core.text import normalise_document_number
from disclosure.models import PolicyDocumentPage
from disclosure.models.choices import SUMMARY_MAX_LENGTH, DisclosureMethod, DisclosureScope, Rank, Validity
from disclosure.models.interpretation import InterpretationForm

from .fields import (
    FORMS,
    METHODS,
    RANKS,
    SCOPES,
    VALIDITIES,
    LineError,
    choice,
    keywords_of,
    number_list,
    parse_date,
    text_of,
)
from .identity import document_key, interpretation_key, owner_key


class Known(NamedTuple):
    """A document that lines may name in ``replaces`` or ``interprets``: what the links need of it.

    The pages of the batch being imported are named as themselves (their keys come
    with the insert); documents saved before are kept this small, so that a long file
    does not hold a page object per document.
    """

    pk: int | None
    validity: str


class LineValidator:
    """Mixed into the importer, which sets up the name maps and what it remembers of the file."""

    def _lookup_number(self, number):
        key = normalise_document_number(number)
        if key in self.by_number:
            return self.by_number[key]
        row = (
            PolicyDocumentPage.objects.filter(document_number_normalised=key)
            .order_by("-pk")
            .values_list("pk", "validity")
            .first()
        )
        if row is not None:
            self.by_number[key] = Known(*row)
        return self.by_number.get(key)

    def validate_document(self, data):
        record = {"kind": "document"}
        record["title"] = text_of(data, "title", 255, required=True)
        record["document_number"] = text_of(data, "document_number", 100)
        record["organisation"] = self._reference(
            self.organisations, text_of(data, "organisation"), "organisation", True
        )
        record["formed_on"] = parse_date(data.get("formed_on"), "formed_on", required=True)
        record["published_on"] = parse_date(data.get("published_on"), "published_on") or record["formed_on"]
        record["effective_on"] = parse_date(data.get("effective_on"), "effective_on")
        if record["published_on"] < record["formed_on"]:
            raise LineError("published_on 不能早于 formed_on")
        record["subject"] = self._reference(self.subjects, text_of(data, "subject"), "subject", False)
        record["genre"] = self._reference(self.genres, text_of(data, "genre"), "genre", False)
        record["rank"] = choice(data, "rank", RANKS, Rank.OTHER)
        record["validity"] = choice(data, "validity", VALIDITIES, Validity.VALID)
        record["summary"] = text_of(data, "summary", SUMMARY_MAX_LENGTH)
        record["body_html"] = text_of(data, "body_html")
        record["keywords"] = keywords_of(data)
        record["disclosure"] = choice(data, "disclosure", METHODS, DisclosureMethod.PROACTIVE)
        record["scope"] = choice(data, "scope", SCOPES, DisclosureScope.PUBLIC)
        # Whether the 索引号 is free is decided with the other lines of the batch (``_imported_already``).
        record["index_number"] = text_of(data, "index_number", 100)
        attachments = data.get("attachments") or []
        if not isinstance(attachments, list):
            raise LineError("attachments 应为列表")
        record["attachments"] = []
        for item in attachments:
            if not isinstance(item, dict) or not item.get("path"):
                raise LineError("attachments 的每一项应包含 title 和 path")
            path = Path(item["path"])
            path = path if path.is_absolute() else self.base_dir / path
            if not path.is_file():
                raise LineError(f"附件文件不存在：{item['path']}")
            record["attachments"].append((item.get("title") or path.stem, path))
        record["replaces"] = []
        for number in number_list(data, "replaces"):
            older = self._lookup_number(number)
            if older is None:
                raise LineError(f"replaces 中的文号“{number}”在目录中找不到")
            record["replaces"].append(older)
        return record

    def validate_interpretation(self, data):
        record = {"kind": "interpretation"}
        record["title"] = text_of(data, "title", 255, required=True)
        name = text_of(data, "organisation")
        record["organisation"] = self._reference(self.organisations, name, "organisation", False) if name else None
        record["published_on"] = parse_date(data.get("published_on"), "published_on", required=True)
        record["form"] = choice(data, "form", FORMS, InterpretationForm.TEXT)
        record["summary"] = text_of(data, "summary", 300)
        record["body_html"] = text_of(data, "body_html")
        record["keywords"] = keywords_of(data)
        numbers = number_list(data, "interprets")
        if not numbers:
            raise LineError("政策解读必须在 interprets 中列出至少一个文号")
        record["policies"] = []
        for number in numbers:
            policy = self._lookup_number(number)
            if policy is None:
                raise LineError(f"interprets 中的文号“{number}”在目录中找不到")
            record["policies"].append(policy)
        return record

    def _imported_already(self, record, catalogued):
        """Whether ``record`` is in the catalogue or earlier in the file; a 索引号 of another document is an error."""
        if record["kind"] == "interpretation":
            key = interpretation_key(record)
            return key in self.keys_in_file or key in catalogued.interpretations
        index_number = record["index_number"]
        if index_number:
            owner = self.index_numbers_in_file.get(index_number) or catalogued.index_numbers.get(index_number)
            if owner is None:
                return False
            if owner == owner_key(record):
                return True
            raise LineError(f"索引号 {index_number} 已存在")
        key = document_key(record)
        return key in self.keys_in_file or key in catalogued.documents

    def _remember(self, record):
        """Later lines may refer to this one (by 文号) or repeat it."""
        if record["kind"] == "document":
            self.keys_in_file.add(document_key(record))
            if record["index_number"]:
                self.index_numbers_in_file[record["index_number"]] = owner_key(record)
        else:
            self.keys_in_file.add(interpretation_key(record))

    def _numbers_wanted(self, items):
        """The index numbers the batch's documents without one will likely draw, by counter and category."""
        wanted = Counter()
        for data in items:
            if data.get("type") not in (None, "", "document") or not isinstance(data.get("organisation"), str):
                continue
            organisation = self.organisations.get(data["organisation"].strip())
            if organisation is None or (isinstance(data.get("index_number"), str) and data["index_number"].strip()):
                continue
            try:
                day = parse_date(data.get("published_on"), "") or parse_date(data.get("formed_on"), "")
            except LineError:
                continue
            if day is None:
                continue
            subject = self.subjects.get(data["subject"].strip()) if isinstance(data.get("subject"), str) else None
            wanted[(organisation, day.year, subject.code if subject else "")] += 1
        return wanted
