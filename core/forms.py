"""Form fields shared by the public filter forms (catalogue, search)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

from core.cached import CachedRows


class PreloadedChoiceIterator(ModelChoiceIterator):
    """The options of a :class:`PreloadedModelChoiceField`, from the rows it has already read."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.objects():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.objects()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.objects())


class PreloadedModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` that reads its queryset once per form.

    Django's field queries the table to render the options and again to validate the
    chosen value; a filter form with several such fields costs two queries a field.
    This one reads the rows once (the first time either needs them) and validates
    against that list, with the same answers: the same value types are accepted and
    anything else is an ``invalid_choice``.

    With ``cache_key`` the rows come from the shared cache (``core.cached``) until a row of
    the queryset's model is saved or deleted: a form on every public page then reads none.
    """

    iterator = PreloadedChoiceIterator

    def __init__(self, queryset, *, cache_key: str | None = None, **kwargs):
        super().__init__(queryset, **kwargs)
        self.cached_rows = None
        if cache_key is not None:
            # The rows of the queryset given here (a fresh evaluation each time the cache is empty).
            self.cached_rows = CachedRows(cache_key, lambda: list(queryset.all()), models=(queryset.model,))
            self.cached_rows.connect()

    def _set_queryset(self, queryset):
        self.__dict__.pop("_objects", None)
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def objects(self):
        """The rows of the queryset, read on first use."""
        if "_objects" not in self.__dict__:
            self._objects = self.cached_rows.get() if self.cached_rows is not None else list(self.queryset)
        return self._objects

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        model = self.queryset.model
        key = self.to_field_name or "pk"
        field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        if isinstance(value, model):
            value = getattr(value, field.attname)
        try:
            wanted = field.to_python(value)
        except (ValidationError, ValueError, TypeError):
            wanted = None
        if wanted is not None:
            for obj in self.objects():
                if getattr(obj, field.attname) == wanted:
                    return obj
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
