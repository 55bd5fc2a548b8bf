"""Bulk import of the catalogue from JSON Lines (one document or interpretation per line).

Every line is validated first; a bad line is reported with its number and
reason and imports nothing, the good lines are imported.  A line imported
already (by an earlier run, or earlier in the file: see ``identity``) is skipped
and counted, so an import that stopped half-way can simply be run again.
Organisations, subject categories and genres must exist unless
``create_missing`` is set.

Lines go in batches of 500, each batch one transaction: its lines are validated
one by one in file order, then its pages are inserted together (``tree``), then
their attachments, successor and interpretation links, and search index entries.
"""

import gc
import json
import uuid
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import prefetch_related_objects

from wagtail.documents import get_document_model
from wagtail.models import Locale
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
from disclosure.models.numbering import IndexNumberAllocator

from .fields import RELATION_FOR_VALIDITY, ImportReport, LineError, aware
from .identity import Catalogued
from .references import ReferenceResolver
from .tree import PageBatch
from .validation import Known, LineValidator


@dataclass
class _Links:
    """What a new page links to, written once the batch's pages have their keys."""

    page: object
    attachments: list = field(default_factory=list)  # (document, title)
    replaces: list = field(default_factory=list)  # older documents
    policies: list = field(default_factory=list)  # interpreted documents


class Importer(LineValidator, ReferenceResolver):
    """Validates and imports catalogue lines in batches; see the module docstring."""

    BATCH = 500

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
        # 索引号 given or drawn in this file -> owner_key of its document.
        self.index_numbers_in_file = {}
        # document_key / interpretation_key of every line imported (or skipped) so far.
        self.keys_in_file = set()
        self._locale_id = None
        self._allocator = IndexNumberAllocator(PolicyDocumentPage)

    # -- creation -------------------------------------------------------------------
    def _body(self, html):
        return [("paragraph", RichText(html))] if html else []

    def _materialise_references(self, record, names):
        # Once created, a new organisation is known by its key, as on the lines that follow.
        for name in names:
            if record[name] is not None:
                record[name] = self._materialise(record[name])

    def create_document(self, record, batch):
        self._materialise_references(record, ("organisation", "subject", "genre"))
        organisation = record["organisation"]
        parent = self._catalogue_for(organisation)
        published = aware(record["published_on"])
        page = PolicyDocumentPage(
            title=record["title"],
            slug=f"wj-{uuid.uuid4().hex[:12]}",
            document_number=record["document_number"],
            document_number_normalised=normalise_document_number(record["document_number"]),
            organisation=organisation,
            formed_on=record["formed_on"],
            effective_on=record["effective_on"],
            published_at=published,
            first_published_at=published,
            last_published_at=published,
            subject=record["subject"],
            genre=record["genre"],
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
                organisation,
                record["published_on"].year,
                category_code=subject.code if subject else "",
                taken=self.index_numbers_in_file,  # given by earlier lines of the batch, not inserted yet
            )
        links = _Links(page, attachments=self._store_files(record["attachments"]), replaces=record["replaces"])
        batch.add(parent, page)
        record["index_number"] = page.index_number
        if page.document_number_normalised:
            self.by_number[page.document_number_normalised] = page
        self.report.created += 1
        return links

    def _store_files(self, attachments):
        Document = get_document_model()
        stored = []
        for title, path in attachments:
            with path.open("rb") as handle:
                document = Document(title=title)
                document.file.save(path.name, File(handle), save=False)
                # As the admin's upload does: a size unknown would be measured and saved by the first page view.
                document._set_document_file_metadata()
                document.save()
            stored.append((document, title))
        return stored

    def create_interpretation(self, record, batch):
        self._materialise_references(record, ("organisation",))
        organisation = record["organisation"]
        parent = self._interpretation_parent()
        published = aware(record["published_on"])
        page = InterpretationPage(
            title=record["title"],
            slug=f"jd-{uuid.uuid4().hex[:12]}",
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
        batch.add(parent, page)
        self.report.interpretations += 1
        return _Links(page, policies=record["policies"])

    def _save_links(self, links):
        """Attachments, successor and interpretation links of the batch's pages, now that every page has its key."""
        attachments, successors, policies = [], [], []
        for link in links:
            page = link.page
            for order, (document, title) in enumerate(link.attachments):
                attachments.append(
                    DocumentAttachment(page_id=page.pk, document=document, title=title, sort_order=order)
                )
            for order, older in enumerate(link.replaces):
                relation = RELATION_FOR_VALIDITY.get(older.validity, DocumentSuccessor.Relation.REPLACED_BY)
                successors.append(
                    DocumentSuccessor(page_id=older.pk, successor_id=page.pk, relation=relation, sort_order=order)
                )
            for order, policy in enumerate(link.policies):
                policies.append(InterpretedPolicy(page_id=page.pk, policy_id=policy.pk, sort_order=order))
        for model, rows in (
            (DocumentAttachment, attachments),
            (DocumentSuccessor, successors),
            (InterpretedPolicy, policies),
        ):
            if rows:
                model.objects.bulk_create(rows, batch_size=500)

    def _index(self, pages):
        """Index the batch's pages, with what their search fields read loaded for all of them at once.

        The pages are the objects just inserted: their organisation, subject and genre are
        the objects the lines named, and their attachments are read in one query.
        """
        by_model = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        backends = list(get_search_backends(with_auto_update=True))
        for model, objects in by_model.items():
            if hasattr(model, "attachment_text"):
                prefetch_related_objects(objects, "attachments")
            for backend in backends:
                backend.add_bulk(model, objects)

    # -- driver ---------------------------------------------------------------------
    def run(self, lines):
        # The objects alive before the import (Django, Wagtail, the segmenter: some 400,000) are
        # left out of garbage collection meanwhile: every full collection walked them all, 3 of
        # the 20 CPU seconds of 10,000 lines.  Objects created during the import are collected
        # as usual.  A process that froze objects itself (a server before forking) keeps them so.
        freeze = gc.get_freeze_count() == 0
        if freeze:
            gc.freeze()
        try:
            batch = []
            for item in enumerate(lines, start=1):
                batch.append(item)
                if len(batch) >= self.BATCH:
                    self._run_batch(batch)
                    batch = []
            if batch:
                self._run_batch(batch)
        finally:
            if freeze:
                gc.unfreeze()
        return self.report

    def _run_batch(self, lines):
        # One transaction per batch: committing each line separately costs a disk sync per
        # document, and a batch interrupted half-way leaves nothing of itself behind.
        items = self._parse(lines)
        with transaction.atomic(), disable_reference_index_auto_update():
            catalogued = Catalogued(data for _number, data in items)
            if self._locale_id is None:
                self._locale_id = Locale.get_default().pk
            batch = PageBatch(self._locale_id)
            if not self.dry_run:
                self._allocator.prepare(self._numbers_wanted(data for _number, data in items))
            links = [link for number, data in items if (link := self._run_line(number, data, catalogued, batch))]
            if self.dry_run:
                return
            batch.save()
            self._save_links(links)
            self._allocator.flush()
            self._index(batch.pages)
        # Later lines name these documents by 文号; keeping the pages would keep a page object per document.
        for page in batch.pages:
            number = getattr(page, "document_number_normalised", "")
            if number and self.by_number.get(number) is page:
                self.by_number[number] = Known(page.pk, page.validity)

    def _parse(self, lines):
        items = []
        for number, raw in lines:
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                self.report.errors.append((number, f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）"))
                continue
            if not isinstance(data, dict):
                self.report.errors.append((number, "每行应为一个 JSON 对象"))
                continue
            items.append((number, data))
        return items

    def _run_line(self, number, data, catalogued, batch):
        """Validate one line and add its page to ``batch``; its links, or None if it imports nothing."""
        try:
            if data.get("type") == "interpretation":
                record = self.validate_interpretation(data)
            elif data.get("type") in (None, "", "document"):
                record = self.validate_document(data)
            else:
                raise LineError(f"type 的取值“{data.get('type')}”无效，应为 document 或 interpretation")
            if self._imported_already(record, catalogued):
                self.report.skipped.append(number)
                return None
            if self.dry_run:
                self._remember_dry(record)
                return None
            # Lines that write rows before their page (files, new reference data) get a savepoint.
            writes = bool(record.get("attachments")) or any(
                isinstance(record.get(name), tuple) for name in ("organisation", "subject", "genre")
            )
            locked = self._allocator.keys()
            try:
                with transaction.atomic() if writes else nullcontext():
                    if record["kind"] == "document":
                        links = self.create_document(record, batch)
                    else:
                        links = self.create_interpretation(record, batch)
            except Exception:
                if writes:
                    self._allocator.forget_since(locked)
                raise
            self._remember(record)
            return links
        except LineError as exc:
            self.report.errors.append((number, str(exc)))
        except ValidationError as exc:
            self.report.errors.append((number, "；".join(exc.messages)))
        return None

    def _remember_dry(self, record):
        """In a dry run later lines may still refer to earlier ones by 文号."""
        if record["kind"] == "document":
            if record["document_number"]:
                self.by_number[normalise_document_number(record["document_number"])] = Known(None, record["validity"])
            self.report.created += 1
        else:
            self.report.interpretations += 1
        self._remember(record)


def import_catalogue(path, **options):
    path = Path(path)
    importer = Importer(base_dir=path.parent, **options)
    with path.open(encoding="utf-8-sig") as handle:
        return importer.run(handle)
