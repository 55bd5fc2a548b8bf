"""Bulk import of the catalogue from JSON Lines (one document or interpretation per line).

Every line is validated first; a bad line is reported with its number and
reason and imports nothing, the good lines are imported.  Organisations,
subject categories and genres must exist unless ``create_missing`` is set.
"""

import json
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save

from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.text import normalise_document_number
from disclosure.models import (
    DocumentAttachment,
    DocumentSuccessor,
    Genre,
    InterpretationPage,
    InterpretedPolicy,
    Organisation,
    PolicyDocumentPage,
    SubjectCategory,
)
from disclosure.models.choices import SUMMARY_MAX_LENGTH, DisclosureMethod, DisclosureScope, Rank, Validity
from disclosure.models.interpretation import InterpretationForm
from disclosure.models.numbering import IndexNumberAllocator

from .fields import (
    FORMS,
    METHODS,
    RANKS,
    RELATION_FOR_VALIDITY,
    SCOPES,
    VALIDITIES,
    ImportReport,
    LineError,
    aware,
    choice,
    keywords_of,
    number_list,
    parse_date,
    text_of,
)
from .references import ReferenceResolver


class Importer(ReferenceResolver):
    """Validates and imports catalogue lines in batches; see the module docstring."""

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
        index_number = text_of(data, "index_number", 100)
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

    # -- creation -------------------------------------------------------------------
    def _body(self, html):
        return [("paragraph", RichText(html))] if html else []

    def create_document(self, record):
        organisation = self._materialise(record["organisation"])
        published = aware(record["published_on"])
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
                # As the admin's upload does: a size unknown would be measured and saved by the first page view.
                document._set_document_file_metadata()
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
        published = aware(record["published_on"])
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
