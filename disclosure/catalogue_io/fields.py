"""The columns of a catalogue file and how each cell is read: dates, text, choices, keywords."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from disclosure.models import (
    DocumentSuccessor,
)
from disclosure.models.choices import DisclosureMethod, DisclosureScope, Rank, Validity
from disclosure.models.interpretation import InterpretationForm

DOCUMENT_FIELDS = [
    "title", "document_number", "organisation", "formed_on", "published_on", "effective_on", "subject", "genre",
    "rank", "validity", "summary", "body_html", "keywords", "disclosure", "scope", "index_number", "attachments",
    "replaces",
]  # fmt: skip
INTERPRETATION_FIELDS = ["type", "title", "organisation", "published_on", "form", "summary", "body_html", "keywords", "interprets"]  # fmt: skip

RANKS = {str(label): value for value, label in Rank.choices}
VALIDITIES = {str(label): value for value, label in Validity.choices}
METHODS = {str(label): value for value, label in DisclosureMethod.choices}
SCOPES = {str(label): value for value, label in DisclosureScope.choices}
FORMS = {str(label): value for value, label in InterpretationForm.choices}
KIND_LABELS = {"organisation": "发布机构", "subject": "主题分类", "genre": "公文种类"}
RELATION_FOR_VALIDITY = {
    Validity.AMENDED: DocumentSuccessor.Relation.AMENDED_BY,
    Validity.REPEALED: DocumentSuccessor.Relation.REPEALED_BY,
}


class LineError(Exception):
    pass


@dataclass
class ImportReport:
    created: int = 0
    interpretations: int = 0
    errors: list = field(default_factory=list)  # (line number, message)
    skipped: list = field(default_factory=list)  # numbers of lines imported already (earlier run or earlier line)
    dry_run: bool = False
    created_reference: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def parse_date(value, name, required=False):
    if value in (None, ""):
        if required:
            raise LineError(f"缺少 {name}")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise LineError(f"{name} 日期格式应为 YYYY-MM-DD：{value}") from None


def aware(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def text_of(data, name, max_length=None, required=False):
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise LineError(f"{name} 应为字符串")
    value = value.strip()
    if required and not value:
        raise LineError(f"缺少 {name}")
    if max_length and len(value) > max_length:
        raise LineError(f"{name} 不能超过 {max_length} 个字（现为 {len(value)} 个字）")
    return value


def choice(data, name, choices, default):
    label = data.get(name) or ""
    if not label:
        return default
    if label not in choices:
        raise LineError(f"{name} 的取值“{label}”无效，应为：{'、'.join(choices)}")
    return choices[label]


def keywords_of(data):
    value = data.get("keywords") or []
    if isinstance(value, str):
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LineError("keywords 应为字符串列表")
    return ",".join(v.strip() for v in value if v.strip())


def number_list(data, name):
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LineError(f"{name} 应为文号列表")
    return value
