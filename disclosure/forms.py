"""Public forms of the disclosure section: the catalogue filter (a plain GET form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PreloadedModelChoiceField, QuickSelect
from core.text import normalise_document_number
from disclosure.models.choices import Rank, Validity
from disclosure.models.reference import Genre, Organisation, SubjectCategory

SORT_CHOICES = [
    ("-published", _("发布日期（新到旧）")),
    ("published", _("发布日期（旧到新）")),
    ("-formed", _("成文日期（新到旧）")),
    ("formed", _("成文日期（旧到新）")),
]
SORT_ORDERING = {
    "-published": ["-published_at", "-pk"],
    "published": ["published_at", "pk"],
    "-formed": ["-formed_on", "-pk"],
    "formed": ["formed_on", "pk"],
}
FILTER_FIELDS = ["subject", "organisation", "genre", "rank", "validity", "year", "number"]


class SubjectChoiceField(PreloadedModelChoiceField):
    def label_from_instance(self, obj):
        return f"　{obj.name}" if obj.parent_id else obj.name


class CatalogueFilterForm(forms.Form):
    """Narrow the catalogue by its metadata; every field is optional."""

    subject = SubjectChoiceField(
        label=_("主题分类"),
        queryset=SubjectCategory.objects.all(),
        required=False,
        empty_label=_("全部"),
        cache_key="catalogue-form:subjects",
    )
    organisation = PreloadedModelChoiceField(
        label=_("发布机构"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("全部"),
        cache_key="organisations",
    )
    genre = PreloadedModelChoiceField(
        label=_("公文种类"),
        queryset=Genre.objects.all(),
        required=False,
        empty_label=_("全部"),
        cache_key="catalogue-form:genres",
    )
    rank = forms.ChoiceField(
        label=_("效力等级"), choices=[("", _("全部")), *Rank.choices], required=False, widget=QuickSelect
    )
    validity = forms.ChoiceField(
        label=_("有效性"), choices=[("", _("全部")), *Validity.choices], required=False, widget=QuickSelect
    )
    year = forms.IntegerField(label=_("发布年份"), required=False, min_value=1949, max_value=2100)
    number = forms.CharField(label=_("文号包含"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("排序"), choices=SORT_CHOICES, required=False, widget=QuickSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Top-level categories followed by their children, in tree order (one query for the options and the check).
        field = self.fields["subject"]
        categories = field.objects()
        ordered = []
        for top in (c for c in categories if c.parent_id is None):
            ordered.append(top)
            ordered.extend(c for c in categories if c.parent_id == top.pk)
        field.choices = [("", _("全部"))] + [(c.pk, field.label_from_instance(c)) for c in ordered]

    def subject_ids(self, subject):
        """``subject`` and its sub-categories (``SubjectCategory.with_children_ids`` from the rows already read)."""
        return [subject.pk, *(c.pk for c in self.fields["subject"].objects() if c.parent_id == subject.pk)]

    def active_filters(self):
        if not self.is_bound or not self.is_valid():
            return []
        return [name for name in FILTER_FIELDS if self.cleaned_data.get(name) not in (None, "")]

    def filter(self, documents):
        """Apply the valid filters and the sort order to a PolicyDocumentPage queryset."""
        if not self.is_bound or not self.is_valid():
            return documents.order_by(*SORT_ORDERING["-published"])
        data = self.cleaned_data
        if data.get("subject"):
            documents = documents.filter(subject_id__in=self.subject_ids(data["subject"]))
        if data.get("organisation"):
            documents = documents.filter(organisation=data["organisation"])
        if data.get("genre"):
            documents = documents.filter(genre=data["genre"])
        if data.get("rank"):
            documents = documents.filter(rank=data["rank"])
        if data.get("validity"):
            documents = documents.filter(validity=data["validity"])
        if data.get("year"):
            documents = documents.filter(published_at__year=data["year"])
        if data.get("number"):
            documents = documents.filter(document_number_normalised__contains=normalise_document_number(data["number"]))
        return documents.order_by(*SORT_ORDERING[data.get("sort") or "-published"])
