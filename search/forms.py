"""The public search form (GET): query, type facet, filters, sort."""

from django import forms
from django.utils import timezone

from core.forms import PreloadedModelChoiceField, QuickSelect
from disclosure.models import Organisation, SubjectCategory
from disclosure.models.choices import Validity

MAX_QUERY_LENGTH = 100

TYPE_CHOICES = [
    ("", "全部"),
    ("policy", "政府文件"),
    ("interpretation", "政策解读"),
    ("consultation", "意见征集"),
    ("news", "新闻"),
    ("notice", "通知公告"),
    ("report", "年度报告"),
    ("column", "栏目/网页"),
]
SORT_CHOICES = [("relevance", "按相关度"), ("date", "按时间")]
FILTER_FIELDS = ["type", "organisation", "subject", "year", "validity"]


def year_choices():
    this_year = timezone.localdate().year
    return [("", "不限")] + [(str(y), f"{y}年") for y in range(this_year, this_year - 20, -1)]


class SearchForm(forms.Form):
    q = forms.CharField(label="搜索词", required=False, strip=True)
    type = forms.ChoiceField(label="类型", choices=TYPE_CHOICES, required=False, widget=QuickSelect)
    # Each read once per form, for the options and the check; a sub-category's label names its parent.
    organisation = PreloadedModelChoiceField(
        label="发布机构",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="不限",
        cache_key="organisations",
    )
    subject = PreloadedModelChoiceField(
        label="主题分类",
        queryset=SubjectCategory.objects.select_related("parent"),
        required=False,
        empty_label="不限",
        cache_key="search-form:subjects",
    )
    year = forms.TypedChoiceField(
        label="年份", choices=year_choices, coerce=int, required=False, empty_value=None, widget=QuickSelect
    )
    validity = forms.ChoiceField(
        label="有效性", choices=[("", "不限"), *Validity.choices], required=False, widget=QuickSelect
    )
    sort = forms.ChoiceField(label="排序", choices=SORT_CHOICES, required=False, widget=QuickSelect)

    def clean_q(self):
        q = " ".join(self.cleaned_data.get("q", "").split())
        if len(q) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(f"搜索词过长，请控制在{MAX_QUERY_LENGTH}个字以内。")
        return q

    def active_filters(self) -> list[str]:
        if not self.is_bound or not self.is_valid():
            return []
        return [name for name in FILTER_FIELDS if self.cleaned_data.get(name) not in (None, "")]

    @property
    def document_filters_used(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("organisation") or data.get("subject") or data.get("validity"))
