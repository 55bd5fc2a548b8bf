"""The subject-category chooser of the admin: the tree in order (parent, then its children), searchable."""

from django import forms
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet


def tree_order(queryset):
    """Top-level categories in their order, each followed by its children in theirs."""
    return queryset.select_related("parent").order_by(
        Coalesce("parent__sort_order", "sort_order"),
        Coalesce("parent_id", "id"),
        F("parent_id").asc(nulls_first=True),
        "sort_order",
        "pk",
    )


class SubjectSearchForm(BaseFilterForm):
    """Substring search on the names (no segmenter needed): 教育 finds 科技、教育 and its 教育."""

    q = forms.CharField(
        label=_("搜索分类"), required=False, widget=forms.TextInput(attrs={"placeholder": _("输入分类名称")})
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(name__contains=query) | Q(parent__name__contains=query) | Q(code=query))
            self.is_searching = True
            self.search_query = query
        return objects


class TreeOrderMixin:
    filter_form_class = SubjectSearchForm

    def get_object_list(self):
        return tree_order(self.model_class.objects.all())


class SubjectChooseView(TreeOrderMixin, ChooseView):
    pass


class SubjectChooseResultsView(TreeOrderMixin, ChooseResultsView):
    pass


class SubjectChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SubjectChooseView
    choose_results_view_class = SubjectChooseResultsView
