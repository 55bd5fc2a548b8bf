"""Form fields shared by the public filter forms (catalogue, search)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.cached import CachedRows


class QuickSelect(forms.Select):
    """A ``Select`` whose HTML is built in Python: the same markup as Django's templates.

    Django renders a select through a template per option; the filter forms' six selects
    (发布机构, 主题分类... with every organisation and category) took about 5 ms of each
    catalogue and search page that way.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"] if option["value"] is not None else "", flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, html) if group_name else html)
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), mark_safe("".join(groups))
        )


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
    widget = QuickSelect

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
