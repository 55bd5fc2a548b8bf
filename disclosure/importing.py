"""Bulk import and export of the catalogue as JSON Lines (one document per line).

Every line is validated first; a bad line is reported with its number and
reason and imports nothing, the good lines are imported.  Organisations,
subject categories and genres must exist unless ``create_missing`` is set.
"""

import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone

from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.text import normalise_document_number
from disclosure.models import (
    CatalogueIndexPage,
    DocumentAttachment,
    DocumentSuccessor,
    Genre,
    InterpretationIndexPage,
    InterpretationPage,
    InterpretedPolicy,
    Organisation,
    PolicyDocumentPage,
    SubjectCategory,
)
from disclosure.models.choices import SUMMARY_MAX_LENGTH, DisclosureMethod, DisclosureScope, Rank, Validity
from disclosure.models.interpretation import InterpretationForm
from disclosure.models.numbering import IndexNumberAllocator

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
    dry_run: bool = False
    created_reference: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def _date(value, name, required=False):
    if value in (None, ""):
        if required:
            raise LineError(f"缺少 {name}")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise LineError(f"{name} 日期格式应为 YYYY-MM-DD：{value}") from None


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _text(data, name, max_length=None, required=False):
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


def _choice(data, name, choices, default):
    label = data.get(name) or ""
    if not label:
        return default
    if label not in choices:
        raise LineError(f"{name} 的取值“{label}”无效，应为：{'、'.join(choices)}")
    return choices[label]


def _keywords(data):
    value = data.get("keywords") or []
    if isinstance(value, str):
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LineError("keywords 应为字符串列表")
    return ",".join(v.strip() for v in value if v.strip())


def _number_list(data, name):
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LineError(f"{name} 应为文号列表")
    return value


class Importer:
    def __init__(
        self, *, create_missing=False, dry_run=False, base_dir=None, catalogue=None, interpretation_index=None
    ):
        self.create_missing = create_missing
        self.dry_run = dry_run
        self.base_dir = Path(base_dir) if base_dir else Path.cwd()
        self.report = ImportReport(dry_run=dry_run)
        self.organisations = {o.name: o for o in Organisation.objects.all()}
        self.organisations.update({o.short_name: o for o in self.organisations.values() if o.short_name})
        self.subjects = {}
        for category in SubjectCategory.objects.select_related("parent"):
            self.subjects.setdefault(category.name, category)
            self.subjects[str(category)] = category
        self.genres = {g.name: g for g in Genre.objects.all()}
        self.catalogue = catalogue
        self.interpretation_index = interpretation_index
        self._department_catalogues = None
        # Document numbers seen in the file so far (normalised) -> page, for replaces/interprets.
        self.by_number = {}
        self.index_numbers_in_file = set()
        # Parent page id -> path of its last child, so new pages need no tree queries.
        self._last_child_path = {}
        self._new_children = {}
        self._to_index = []
        self._locale_id = None
        self._allocator = IndexNumberAllocator(PolicyDocumentPage)

    # -- reference data -------------------------------------------------------------
    def _reference(self, mapping, name, kind, required):
        if not name:
            if required:
                raise LineError(f"缺少 {kind}")
            return None
        if name in mapping:
            return mapping[name]
        if not self.create_missing:
            raise LineError(f"未知的{KIND_LABELS[kind]}“{name}”（可用 --create-missing 自动创建）")
        return ("missing", kind, name)

    def _materialise(self, ref):
        if not isinstance(ref, tuple):
            return ref
        _marker, kind, name = ref
        if kind == "organisation":
            obj = self.organisations.get(name) or self._create_organisation(name)
            self.organisations[name] = obj
        elif kind == "subject":
            obj = self.subjects.get(name) or SubjectCategory.objects.create(name=name)
            self.subjects[name] = obj
        else:
            obj = self.genres.get(name) or Genre.objects.create(name=name)
            self.genres[name] = obj
        if not any(r == (kind, name) for r in self.report.created_reference):
            self.report.created_reference.append((kind, name))
        return obj

    def _create_organisation(self, name):
        from core.identifiers import uscc_check_character

        # A placeholder credit code the office must correct; marked by the 99 prefix.
        serial = Organisation.objects.count() + 1
        while True:
            body = f"99{serial:015d}"
            code = body + uscc_check_character(body)
            if not Organisation.objects.filter(unit_code=code).exists():
                break
            serial += 1
        return Organisation.objects.create(name=name, unit_code=code)

    # -- parents --------------------------------------------------------------------
    def _catalogue_for(self, organisation):
        if self.catalogue is None:
            self.catalogue = CatalogueIndexPage.objects.order_by("depth", "path").first()
            if self.catalogue is None:
                raise LineError("站点中还没有信息公开目录页面，请先创建“政府信息公开目录”")
        if self._department_catalogues is None:
            self._department_catalogues = {
                c.organisation_id: c
                for c in CatalogueIndexPage.objects.descendant_of(self.catalogue).exclude(organisation=None)
            }
        return self._department_catalogues.get(organisation.pk, self.catalogue)

    def _interpretation_parent(self):
        if self.interpretation_index is None:
            self.interpretation_index = InterpretationIndexPage.objects.order_by("depth", "path").first()
            if self.interpretation_index is None:
                raise LineError("站点中还没有政策解读栏目")
        return self.interpretation_index

    # -- fast tree insertion ------------------------------------------------------------
    def _add_child(self, parent, page):
        """What ``parent.add_child(instance=page)`` does, without its per-page tree queries and model validation.

        Every field has been validated line by line already; the parents' child counts are
        brought up to date at the end of each batch.
        """
        if parent.pk not in self._last_child_path:
            last = parent.get_last_child()
            self._last_child_path[parent.pk] = last.path if last else None
        last_path = self._last_child_path[parent.pk]
        page.depth = parent.depth + 1
        page.path = Page(path=last_path)._inc_path() if last_path else parent._get_path(parent.path, page.depth, 1)
        if self._locale_id is None:
            self._locale_id = Locale.get_default().pk
        page.locale_id = self._locale_id
        page.draft_title = page.title
        if not page.slug:
            prefix = "wj" if isinstance(page, PolicyDocumentPage) else "jd"
            page.slug = f"{prefix}-{uuid.uuid4().hex[:12]}"
        page.save(clean=False)
        self._last_child_path[parent.pk] = page.path
        self._last_parent_id = parent.pk
        return page

    def _finish_batch(self, created):
        self._allocator.flush()
        for parent_id, count in created.items():
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + count)
        by_model = {}
        for page in self._to_index:
            by_model.setdefault(type(page), []).append(page)
        for backend in get_search_backends(with_auto_update=True):
            for model, pages in by_model.items():
                backend.add_bulk(model, pages)
        self._to_index = []

    # -- validation -----------------------------------------------------------------
    def _lookup_number(self, number):
        key = normalise_document_number(number)
        if key in self.by_number:
            return self.by_number[key]
        page = PolicyDocumentPage.objects.filter(document_number_normalised=key).order_by("-pk").first()
        if page is not None:
            self.by_number[key] = page
        return page

    def validate_document(self, data):
        record = {"kind": "document"}
        record["title"] = _text(data, "title", 255, required=True)
        record["document_number"] = _text(data, "document_number", 100)
        record["organisation"] = self._reference(self.organisations, _text(data, "organisation"), "organisation", True)
        record["formed_on"] = _date(data.get("formed_on"), "formed_on", required=True)
        record["published_on"] = _date(data.get("published_on"), "published_on") or record["formed_on"]
        record["effective_on"] = _date(data.get("effective_on"), "effective_on")
        if record["published_on"] < record["formed_on"]:
            raise LineError("published_on 不能早于 formed_on")
        record["subject"] = self._reference(self.subjects, _text(data, "subject"), "subject", False)
        record["genre"] = self._reference(self.genres, _text(data, "genre"), "genre", False)
        record["rank"] = _choice(data, "rank", RANKS, Rank.OTHER)
        record["validity"] = _choice(data, "validity", VALIDITIES, Validity.VALID)
        record["summary"] = _text(data, "summary", SUMMARY_MAX_LENGTH)
        record["body_html"] = _text(data, "body_html")
        record["keywords"] = _keywords(data)
        record["disclosure"] = _choice(data, "disclosure", METHODS, DisclosureMethod.PROACTIVE)
        record["scope"] = _choice(data, "scope", SCOPES, DisclosureScope.PUBLIC)
        index_number = _text(data, "index_number", 100)
        if index_number and (
            index_number in self.index_numbers_in_file
            or PolicyDocumentPage.objects.filter(index_number=index_number).exists()
        ):
            raise LineError(f"索引号 {index_number} 已存在")
        record["index_number"] = index_number
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
        for number in _number_list(data, "replaces"):
            older = self._lookup_number(number)
            if older is None:
                raise LineError(f"replaces 中的文号“{number}”在目录中找不到")
            record["replaces"].append(older)
        return record

    def validate_interpretation(self, data):
        record = {"kind": "interpretation"}
        record["title"] = _text(data, "title", 255, required=True)
        name = _text(data, "organisation")
        record["organisation"] = self._reference(self.organisations, name, "organisation", False) if name else None
        record["published_on"] = _date(data.get("published_on"), "published_on", required=True)
        record["form"] = _choice(data, "form", FORMS, InterpretationForm.TEXT)
        record["summary"] = _text(data, "summary", 300)
        record["body_html"] = _text(data, "body_html")
        record["keywords"] = _keywords(data)
        numbers = _number_list(data, "interprets")
        if not numbers:
            raise LineError("政策解读必须在 interprets 中列出至少一个文号")
        record["policies"] = []
        for number in numbers:
            policy = self._lookup_number(number)
            if policy is None:
                raise LineError(f"interprets 中的文号“{number}”在目录中找不到")
            record["policies"].append(policy)
        return record

    # -- creation -------------------------------------------------------------------
    def _body(self, html):
        return [("paragraph", RichText(html))] if html else []

    def create_document(self, record):
        organisation = self._materialise(record["organisation"])
        published = _aware(record["published_on"])
        page = PolicyDocumentPage(
            title=record["title"],
            document_number=record["document_number"],
            organisation=organisation,
            formed_on=record["formed_on"],
            effective_on=record["effective_on"],
            published_at=published,
            first_published_at=published,
            last_published_at=published,
            subject=self._materialise(record["subject"]),
            genre=self._materialise(record["genre"]),
            rank=record["rank"],
            validity=record["validity"],
            summary=record["summary"],
            body=self._body(record["body_html"]),
            keywords=record["keywords"][:200],
            disclosure_method=record["disclosure"],
            disclosure_scope=record["scope"],
            index_number=record["index_number"],
            live=True,
        )
        if not page.index_number:
            subject = page.subject
            page.index_number = self._allocator.next(
                organisation, record["published_on"].year, category_code=subject.code if subject else ""
            )
        self._add_child(self._catalogue_for(organisation), page)
        self._to_index.append(page)
        Document = get_document_model()
        for order, (title, path) in enumerate(record["attachments"]):
            with path.open("rb") as handle:
                document = Document(title=title)
                document.file.save(path.name, File(handle), save=False)
                document.save()
            DocumentAttachment.objects.create(page=page, document=document, title=title, sort_order=order)
        for order, older in enumerate(record["replaces"]):
            relation = RELATION_FOR_VALIDITY.get(older.validity, DocumentSuccessor.Relation.REPLACED_BY)
            DocumentSuccessor.objects.create(page=older, successor=page, relation=relation, sort_order=order)
        if page.document_number_normalised:
            self.by_number[page.document_number_normalised] = page
        self.report.created += 1
        return page

    def create_interpretation(self, record):
        organisation = self._materialise(record["organisation"]) if record["organisation"] else None
        published = _aware(record["published_on"])
        page = InterpretationPage(
            title=record["title"],
            organisation=organisation,
            form=record["form"],
            published_at=published,
            first_published_at=published,
            last_published_at=published,
            summary=record["summary"],
            body=self._body(record["body_html"]),
            keywords=record["keywords"][:200],
            live=True,
        )
        self._add_child(self._interpretation_parent(), page)
        self._to_index.append(page)
        for order, policy in enumerate(record["policies"]):
            InterpretedPolicy.objects.create(page=page, policy=policy, sort_order=order)
        self.report.interpretations += 1
        return page

    # -- driver ---------------------------------------------------------------------
    BATCH = 500

    def run(self, lines):
        # One transaction per batch of lines (a savepoint per line): committing each line
        # separately costs a disk sync per document.
        batch = []
        for item in enumerate(lines, start=1):
            batch.append(item)
            if len(batch) >= self.BATCH:
                self._run_batch(batch)
                batch = []
        if batch:
            self._run_batch(batch)
        return self.report

    def _run_batch(self, batch):
        with transaction.atomic(), _deferred_indexing():
            created = self._run_lines(batch)
            self._finish_batch(created)

    def _run_lines(self, lines):
        created = {}
        for number, raw in lines:
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                if not isinstance(data, dict):
                    raise LineError("每行应为一个 JSON 对象")
                if data.get("type") == "interpretation":
                    record = self.validate_interpretation(data)
                elif data.get("type") in (None, "", "document"):
                    record = self.validate_document(data)
                else:
                    raise LineError(f"type 的取值“{data.get('type')}”无效，应为 document 或 interpretation")
                if self.dry_run:
                    self._remember_dry(record)
                    continue
                indexed = len(self._to_index)
                locked = self._allocator.keys()
                try:
                    with transaction.atomic():
                        if record["kind"] == "document":
                            self.create_document(record)
                        else:
                            self.create_interpretation(record)
                except Exception:
                    del self._to_index[indexed:]
                    self._allocator.forget_since(locked)
                    raise
                created[self._last_parent_id] = created.get(self._last_parent_id, 0) + 1
            except json.JSONDecodeError as exc:
                self.report.errors.append((number, f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）"))
            except LineError as exc:
                self.report.errors.append((number, str(exc)))
            except ValidationError as exc:
                self.report.errors.append((number, "；".join(exc.messages)))
        return created

    def _remember_dry(self, record):
        """In a dry run later lines may still refer to earlier ones by 文号."""
        if record["kind"] == "document":
            if record["document_number"]:
                self.by_number[normalise_document_number(record["document_number"])] = PolicyDocumentPage(
                    title=record["title"], validity=record["validity"]
                )
            if record["index_number"]:
                self.index_numbers_in_file.add(record["index_number"])
            self.report.created += 1
        else:
            self.report.interpretations += 1


@contextmanager
def _deferred_indexing():
    """Search and reference indexing happen once per batch rather than per saved page."""
    models = [PolicyDocumentPage, InterpretationPage]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def import_catalogue(path, **options):
    path = Path(path)
    importer = Importer(base_dir=path.parent, **options)
    with path.open(encoding="utf-8-sig") as handle:
        return importer.run(handle)


# -- export -----------------------------------------------------------------------
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
