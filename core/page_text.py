"""All the text of a page (or of one revision of it) and everything it links to.

One walk over the page serves every check that reads content: the personal-data
scan at review, the wrong-word (错敏词) matcher and the link checker of site
inspection.  It reads every text field of the page and of its inline children
(attachments, successors ...), rich text, every StreamField block, and the text
extracted from attached documents; and it collects the references the content makes
(pages, documents, images, external URLs) from chooser fields, chooser blocks and
rich-text links.

Attachment text comes through ``core.attachments``, where the search app registers
the text it extracts.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

from core.attachments import document_texts

# Fields that hold identifiers or machinery, not words a reader sees.
SKIPPED_FIELDS = frozenset(
    {
        "slug",
        "url_path",
        "draft_title",
        "path",
        "translation_key",
        "index_number",
        "document_number_normalised",
    }
)

# Block-level tags separate words; inline ones (b, a, span ...) must not split a word in two.
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|thead|tbody|blockquote|hr|embed|section)\b[^>]*>", re.IGNORECASE
)
_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")
_A_RE = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
_EMBED_RE = re.compile(r"<embed\b([^>]*)/?>", re.IGNORECASE)
_ATTR_RE = re.compile(r"""([a-zA-Z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class TextPart:
    """One piece of text and where it sits: ``field`` is a stable path, ``label`` what an editor calls it."""

    field: str
    label: str
    text: str


@dataclass(frozen=True)
class Reference:
    """Something the content points at: kind is "page", "document", "image" or "url"."""

    kind: str
    target: int | str
    field: str
    label: str


@dataclass
class PageText:
    parts: list[TextPart] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    labels: dict = field(default_factory=dict, repr=False)
    language: str = field(default_factory=get_language, repr=False)

    def add_text(self, name, label, text):
        text = _SPACE_RE.sub(" ", text).strip()
        if text:
            self.parts.append(TextPart(name, label if isinstance(label, str) else str(label), text))

    @property
    def text(self):
        return "\n".join(part.text for part in self.parts)


def html_to_text(value):
    return html.unescape(_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", value)))


def _attributes(tag_body):
    return {match[1].lower(): match[2] or match[3] for match in _ATTR_RE.finditer(tag_body)}


def rich_text_references(value, name, label):
    """References made by rich-text HTML in Wagtail's stored form (linktype/embedtype) or plain hrefs."""
    found = []
    for match in _A_RE.finditer(value):
        attrs = _attributes(match[1])
        linktype = attrs.get("linktype")
        if linktype in {"page", "document"} and attrs.get("id", "").isdigit():
            found.append(Reference(linktype, int(attrs["id"]), name, str(label)))
        elif attrs.get("href", "").startswith(("http://", "https://", "/")):
            found.append(Reference("url", html.unescape(attrs["href"]), name, str(label)))
    for match in _EMBED_RE.finditer(value):
        attrs = _attributes(match[1])
        if attrs.get("embedtype") == "image" and attrs.get("id", "").isdigit():
            found.append(Reference("image", int(attrs["id"]), name, str(label)))
    return found


def _block_label(result, block, label):
    # Labels are lazy translations; resolving one per block instance per page is the costly part.
    key = (id(block), label)
    cached = result.labels.get(key)
    if cached is None:
        cached = result.labels[key] = f"{label}·{block.label}" if block.label else str(label)
    return cached


def _walk_block(result, block, raw, name, label):
    if raw is None or raw == "":
        return
    block_label = _block_label(result, block, label)
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(raw if isinstance(raw, list) else []):
            if not isinstance(child, dict):
                continue
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                _walk_block(result, child_block, child.get("value"), f"{name}.{index}", label)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for child_name, child_block in block.child_blocks.items():
                _walk_block(result, child_block, raw.get(child_name), f"{name}.{child_name}", block_label)
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            value = item["value"] if isinstance(item, dict) and "value" in item and "type" in item else item
            _walk_block(result, block.child_block, value, f"{name}.{index}", block_label)
    elif isinstance(block, blocks.RichTextBlock):
        result.add_text(name, block_label, html_to_text(raw))
        result.references.extend(rich_text_references(raw, name, block_label))
    elif isinstance(block, DocumentChooserBlock):
        result.references.append(Reference("document", int(raw), name, block_label))
    elif isinstance(block, ImageChooserBlock):
        result.references.append(Reference("image", int(raw), name, block_label))
    elif isinstance(block, blocks.PageChooserBlock):
        result.references.append(Reference("page", int(raw), name, block_label))
    elif isinstance(block, blocks.URLBlock):
        result.references.append(Reference("url", str(raw), name, block_label))
    elif isinstance(block, blocks.ChoiceBlock | blocks.BooleanBlock | blocks.DateBlock | blocks.DateTimeBlock):
        return
    elif isinstance(raw, str):
        result.add_text(name, block_label, raw)
    elif isinstance(raw, dict | list):
        # Blocks that store structured data of their own (tables): every string inside.
        result.add_text(name, block_label, " ".join(_strings(raw)))


# Keys of structured block data that hold settings, not text.
_SETTING_KEYS = frozenset(
    {"type", "id", "mode", "align", "className", "row", "col", "first_row_is_table_header", "first_col_is_header"}
)


def _strings(raw):
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if key not in _SETTING_KEYS:
                yield from _strings(value)
    elif isinstance(raw, list):
        for value in raw:
            yield from _strings(value)


def _stream_raw(value):
    if value is None:
        return []
    raw = getattr(value, "raw_data", value)
    return [dict(item) if not isinstance(item, dict) else item for item in raw]


_field_labels = {}


def _field_label(result, model_field):
    key = (id(model_field), result.language)
    label = _field_labels.get(key)
    if label is None:
        label = _field_labels[key] = str(model_field.verbose_name)
    return label


def _walk_model(result, obj, prefix, label_prefix):
    for model_field in obj._meta.concrete_fields:
        name = model_field.name
        if name in SKIPPED_FIELDS:
            continue
        path = f"{prefix}{name}"
        label = f"{label_prefix}{_field_label(result, model_field)}"
        if isinstance(model_field, StreamField):
            _walk_block(result, model_field.stream_block, _stream_raw(getattr(obj, name)), path, label)
        elif isinstance(model_field, models.ForeignKey):
            target = getattr(obj, model_field.attname)
            # The page's own table links and an inline child's key to its page are not references.
            if target is None or model_field.remote_field.parent_link or isinstance(model_field, ParentalKey):
                continue
            related = model_field.related_model._meta.label_lower
            kind = {"wagtaildocs.document": "document", "wagtailimages.image": "image"}.get(related)
            if kind is None and issubclass(model_field.related_model, Page):
                kind = "page"
            if kind:
                result.references.append(Reference(kind, target, path, label))
        elif isinstance(model_field, models.URLField):
            value = getattr(obj, name)
            if value:
                result.references.append(Reference("url", value, path, label))
        elif isinstance(model_field, models.EmailField) or not model_field.editable or model_field.choices:
            continue
        elif isinstance(model_field, RichTextField):
            value = getattr(obj, name) or ""
            result.add_text(path, label, html_to_text(value))
            result.references.extend(rich_text_references(value, path, label))
        elif isinstance(model_field, models.CharField | models.TextField):
            value = getattr(obj, name)
            if value:
                result.add_text(path, label, str(value))


def _children(obj):
    """(accessor, verbose name, objects) of the inline children modelcluster keeps on ``obj``."""
    if not isinstance(obj, ClusterableModel):
        return
    for relation in get_all_child_relations(obj):
        accessor = relation.get_accessor_name()
        manager = getattr(obj, accessor, None)
        if manager is None:
            continue
        yield accessor, relation.related_model._meta.verbose_name, list(manager.all())


def page_text(page, *, with_attachments=True):
    """Every text of ``page`` (a specific page or ``revision.as_object()``) and its references."""
    result = PageText()
    _walk_model(result, page, "", "")
    attachments = []
    for accessor, verbose_name, children in _children(page):
        for index, child in enumerate(children):
            _walk_model(result, child, f"{accessor}.{index}.", f"{verbose_name}{index + 1}·")
            document_id = getattr(child, "document_id", None)
            if document_id:
                attachments.append((document_id, f"{accessor}.{index}", f"{verbose_name}{index + 1}"))
    if with_attachments:
        document_ids = {document_id for document_id, _path, _label in attachments}
        document_ids.update(ref.target for ref in result.references if ref.kind == "document")
        texts = document_texts(document_ids)
        for document_id, path, label in attachments:
            result.add_text(f"{path}.text", f"{label}·{_('文件内容')}", texts.pop(document_id, ""))
        for document_id, text in texts.items():
            result.add_text(f"document.{document_id}.text", _("链接文件的内容"), text)
    return result


def revision_text(revision, **kwargs):
    """Every text of one revision of a page: what the workflow would publish."""
    return page_text(revision.as_object(), **kwargs)
