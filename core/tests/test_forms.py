"""PreloadedModelChoiceField: one query for the options and the check, the answers of ModelChoiceField.

QuickSelect: the markup of Django's Select, built without its templates.
"""

import re

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.forms import PreloadedModelChoiceField, QuickSelect
from disclosure.factories import OrganisationFactory
from disclosure.models import Organisation

pytestmark = pytest.mark.django_db


class PreloadedForm(forms.Form):
    organisation = PreloadedModelChoiceField(queryset=Organisation.objects.all(), required=False, empty_label="全部")


class StockForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), required=False, empty_label="全部")


@pytest.fixture
def organisations(db):
    return [OrganisationFactory(name=f"示例市第{n}局") for n in range(1, 4)]


def test_the_options_and_the_check_read_the_table_once(organisations):
    with CaptureQueriesContext(connection) as queries:
        form = PreloadedForm({"organisation": str(organisations[1].pk)})
        assert form.is_valid()
        html = str(form["organisation"])
    assert len(queries) == 1
    assert form.cleaned_data["organisation"] == organisations[1]
    assert html == same_markup(str(StockForm({"organisation": str(organisations[1].pk)})["organisation"]))


def same_markup(html):
    """Django's select templates put line breaks between the tags; QuickSelect does not."""
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize("value", ["", "a&b", "2"])
def test_quick_select_renders_what_the_stock_select_renders(value):
    choices = [("", "全部"), ("a&b", "<甲>"), ("机构", [("1", "第1局"), ("2", '第"2"局')])]

    class Stock(forms.Form):
        pick = forms.ChoiceField(choices=choices, required=False)

    class Quick(forms.Form):
        pick = forms.ChoiceField(choices=choices, required=False, widget=QuickSelect(attrs={"class": "x"}))

    quick = str(Quick({"pick": value})["pick"])
    assert quick == same_markup(str(Stock({"pick": value})["pick"])).replace('name="pick"', 'name="pick" class="x"')
    assert "&lt;甲&gt;" in quick and '<optgroup label="机构">' in quick
    assert quick.count(" selected") == 1  # the empty choice when nothing is chosen


@pytest.mark.parametrize("value", ["", "abc", "999999", "1.5", " {pk} ", "{pk}", "\x00"])
def test_values_are_accepted_and_refused_as_by_model_choice_field(organisations, value):
    value = value.format(pk=organisations[0].pk)
    preloaded, stock = PreloadedForm({"organisation": value}), StockForm({"organisation": value})
    assert preloaded.is_valid() == stock.is_valid()
    assert preloaded.errors == stock.errors
    if stock.is_valid():
        assert preloaded.cleaned_data == stock.cleaned_data


def test_each_form_reads_the_table_afresh(organisations):
    assert len(list(PreloadedForm()["organisation"])) == 4
    OrganisationFactory(name="示例市新设局")
    assert len(list(PreloadedForm()["organisation"])) == 5
    assert PreloadedForm({"organisation": str(Organisation.objects.get(name="示例市新设局").pk)}).is_valid()
