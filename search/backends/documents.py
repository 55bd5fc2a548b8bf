"""Engine documents: modelsearch's ``get_document`` with what depends only on the model worked out once.

For every field of every document, modelsearch's mapping works out the field's column name
(walking the model's ancestry), looks the Django field up, and asks whether django-taggit is
installed (a scan of the installed apps): 31 fields a policy document, about a third of the
Python time of a rebuild. ``DocumentPlan`` does those lookups once per model and reads the
values by the same rules as ``modelsearch.index.BaseField.get_value``; the documents are the
same (``search/tests/test_elasticsearch_backend.py`` compares them for every indexed model).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.related import RelatedField

from modelsearch.index import AutocompleteField, FilterField, RelatedFields, SearchField
from taggit.managers import TaggableManager


def _attribute(name: str, obj) -> Any:
    value = getattr(obj, name, None)
    return value() if callable(value) else value


def value_reader(field, model) -> Callable[[models.Model], Any]:
    """``field.get_value`` for instances of ``model``, with the field looked up now rather than per object."""
    try:
        model_field = field.get_field(model)
    except FieldDoesNotExist:
        # A method or property (``attachment_text``).
        return partial(_attribute, field.field_name)
    value_of = model_field.value_from_object
    if isinstance(model_field, TaggableManager):
        return value_of
    content = getattr(model_field, "get_searchable_content", None)
    if content is None and isinstance(model_field, RelatedField):
        target = model_field
        while isinstance(target, RelatedField):
            target = target.target_field
        content = getattr(target, "get_searchable_content", None)
    if content is None:
        return value_of
    return lambda obj: content(value_of(obj))


def filter_value(value):
    """A filter field's value as modelsearch stores it: primary keys for related objects."""
    if isinstance(value, (models.Manager, models.QuerySet)):
        return list(value.values_list("pk", flat=True))
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [item.pk if isinstance(item, models.Model) else item for item in value]
    return value


class DocumentPlan:
    """The columns of one indexed model's documents and how to read each value from an object."""

    def __init__(self, mapping, model):
        self.content_types = mapping.get_all_content_types()
        self.fields = []
        for field in mapping.model.get_search_fields():
            if isinstance(field, RelatedFields):
                # Nested documents: modelsearch's own path (one or two fields a model).
                self.fields.append((field, None, None, "related"))
                continue
            if isinstance(field, FilterField):
                kind = "filter"
            elif isinstance(field, AutocompleteField):
                kind = "autocomplete"
            elif isinstance(field, SearchField):
                kind = "search"
            else:
                raise ValueError(f"Unexpected search_fields entry: {field}")
            self.fields.append((field, mapping.get_field_column_name(field), value_reader(field, model), kind))

    def document(self, mapping, obj) -> dict:
        doc = {"pk": str(obj.pk), "_django_content_type": list(self.content_types)}
        edgengrams = []
        for field, column, read, kind in self.fields:
            if kind == "related":
                column, value, extra = mapping._get_document_field_data(field, obj)
                edgengrams.extend(extra)
            else:
                value = mapping._clean_value(read(obj))
                if kind == "filter":
                    value = filter_value(value)
                elif kind == "autocomplete":
                    edgengrams.append(value)
            doc[column] = value
        doc["_edgengrams"] = edgengrams
        return doc
