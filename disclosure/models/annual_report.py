"""Annual reports on government information disclosure (政府信息公开工作年度报告)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.models import BasePage
from disclosure import annual_tables as tables

from .choices import Rank, Validity
from .documents import PolicyDocumentPage

REPORT_FEATURES = ["h3", "bold", "ol", "ul", "link"]


class AnnualReportIndexPage(BasePage):
    """The column listing annual reports (政府信息公开年报)."""

    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = ["disclosure.AnnualReportPage"]

    intro = RichTextField(_("栏目说明"), blank=True, features=["bold", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    column_type = "信息公开"

    class Meta:
        verbose_name = _("年度报告栏目")
        verbose_name_plural = _("年度报告栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            AnnualReportPage.objects.child_of(self).live().select_related("organisation").order_by("-year", "title")
        )
        return context


def catalogue_counts(organisation, year):
    """Table 2's 规章 / 行政规范性文件 counts as the catalogue has them."""
    counts = {}
    documents = PolicyDocumentPage.objects.live().filter(organisation=organisation)
    for key, rank in (("rule", Rank.RULE), ("normative", Rank.NORMATIVE)):
        of_rank = documents.filter(rank=rank)
        counts[f"t2_{key}_issued"] = of_rank.filter(formed_on__year=year).count()
        counts[f"t2_{key}_repealed"] = of_rank.filter(
            validity__in=[Validity.REPEALED, Validity.EXPIRED], invalid_from__year=year
        ).count()
        counts[f"t2_{key}_valid"] = of_rank.filter(validity=Validity.VALID, formed_on__year__lte=year).count()
    return counts


def computed_cells(organisation, year):
    """Cells other apps compute from their records (e.g. Tables 3 and 4 from the register of applications).

    Each ``register_annual_report_cells`` hook is a function (organisation, year) -> {cell name: number}.
    """
    cells = {}
    for compute in hooks.get_hooks("register_annual_report_cells"):
        cells.update(compute(organisation, year) or {})
    return cells


class AnnualReportForm(WagtailAdminPageForm):
    """One number input per table cell; refuses totals that do not add up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.tables or {}
        for name in tables.INTEGER_CELLS:
            self.fields[name] = forms.IntegerField(
                min_value=0, required=False, initial=stored.get(name, 0), widget=forms.NumberInput(attrs={"min": 0})
            )
        self.fields[tables.T2_FEE_CELL] = forms.DecimalField(
            min_value=0, max_digits=12, decimal_places=4, required=False, initial=stored.get(tables.T2_FEE_CELL, 0)
        )
        self.fields["records_override"] = forms.BooleanField(
            label=_("手工修改表三、表四数字"),
            required=False,
            initial=bool(stored.get("records_override")),
            help_text=_("不勾选时，表三、表四按依申请公开登记簿自动统计。"),
        )
        self.fields["records_override_reason"] = forms.CharField(
            label=_("修改原因"), max_length=200, required=False, initial=stored.get("records_override_reason", "")
        )
        self.catalogue_counts = None
        self.computed_cells = {}
        if self.instance.organisation_id and self.instance.year:
            self.computed_cells = computed_cells(self.instance.organisation, self.instance.year)
            if not stored.get("records_override"):
                for name, value in self.computed_cells.items():
                    self.fields[name].initial = value
            self.catalogue_counts = catalogue_counts(self.instance.organisation, self.instance.year)
            if not self.instance.table2_override:
                for name, value in self.catalogue_counts.items():
                    self.fields[name].initial = value

    def clean(self):
        cleaned = super().clean()
        values = {name: cleaned.get(name) or 0 for name in tables.INTEGER_CELLS}
        override = cleaned.get("table2_override")
        organisation, year = cleaned.get("organisation"), cleaned.get("year")
        if not override and organisation and year:
            # Not overridden: the catalogue is the source of Table 2's normative-document counts.
            values.update(catalogue_counts(organisation, year))
        if override and not (cleaned.get("table2_override_reason") or "").strip():
            self.add_error("table2_override_reason", _("手工修改表二规章和规范性文件数字时，请说明原因。"))
        records_override = cleaned.get("records_override")
        if not records_override and organisation and year:
            values.update(computed_cells(organisation, year))
        if records_override and not (cleaned.get("records_override_reason") or "").strip():
            self.add_error("records_override_reason", _("手工修改表三、表四数字时，请说明原因。"))
        for name, message in tables.validate_tables(values).items():
            self.add_error(name, message)
        fee = cleaned.get(tables.T2_FEE_CELL) or 0
        self.table_values = {
            **values,
            tables.T2_FEE_CELL: str(fee),
            "records_override": bool(records_override),
            "records_override_reason": (cleaned.get("records_override_reason") or "").strip(),
        }
        return cleaned

    def save(self, commit=True):
        self.instance.tables = self.table_values
        return super().save(commit=commit)


class AnnualReportTablePanel(Panel):
    """Renders one of the national tables with an input in each cell."""

    def __init__(self, table, **kwargs):
        super().__init__(**kwargs)
        self.table = table

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "table": self.table}

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/admin/annual_report_table_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            form = self.form
            context["t"] = report_table_context(self.panel.table, lambda name: form[name])
            context["table"] = self.panel.table
            context["catalogue_counts"] = getattr(form, "catalogue_counts", None)
            context["computed_cells"] = getattr(form, "computed_cells", None)
            context["records_override"] = form["records_override"] if self.panel.table == "t3" else None
            context["records_override_reason"] = form["records_override_reason"] if self.panel.table == "t3" else None
            return context


def report_table_context(table, cell):
    """The rows of ``table`` with ``cell(name)`` in each value position (a bound field or a number)."""
    if table == "t2":
        layout = tables.table2_rows()
        return {
            "normative_columns": layout["normative_columns"],
            "normative_rows": [
                {"label": row["label"], "cells": [cell(n) for n in row["cells"]]} for row in layout["normative"]
            ],
            "decision_groups": [
                {"article": g["article"], "rows": [{"label": r["label"], "cell": cell(r["cell"])} for r in g["rows"]]}
                for g in layout["decisions"]
            ],
            "fee_cell": cell(layout["fee_cell"]),
        }
    if table == "t3":
        return {
            "columns": tables.T3_COLUMNS,
            "rows": [
                {"labels": row["labels"], "cells": [cell(n) for n in row["cells"]]} for row in tables.table3_rows()
            ],
        }
    cells = [cell(n) for n in tables.table4_cells()]
    return {"groups": tables.T4_GROUPS, "columns": tables.T4_COLUMNS, "cells": cells}


class AnnualReportPage(BasePage):
    """One organisation's annual report for one year, in the national 2021 format."""

    parent_page_types = ["disclosure.AnnualReportIndexPage"]
    subpage_types = []

    organisation = models.ForeignKey(
        "disclosure.Organisation", verbose_name=_("报告机关"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveIntegerField(_("年度"))
    overview = RichTextField(_("一、总体情况"), features=REPORT_FEATURES)
    proactive_note = RichTextField(_("二、主动公开政府信息情况（说明）"), features=REPORT_FEATURES, blank=True)
    applications_note = RichTextField(
        _("三、收到和处理政府信息公开申请情况（说明）"), features=REPORT_FEATURES, blank=True
    )
    appeals_note = RichTextField(
        _("四、政府信息公开行政复议、行政诉讼情况（说明）"), features=REPORT_FEATURES, blank=True
    )
    problems = RichTextField(_("五、存在的主要问题及改进情况"), features=REPORT_FEATURES)
    other_matters = RichTextField(_("六、其他需要报告的事项"), features=REPORT_FEATURES)
    tables = models.JSONField(_("统计表数字"), default=tables.empty_tables, blank=True)
    table2_override = models.BooleanField(
        _("手工修改表二规章和规范性文件数字"),
        default=False,
        help_text=_("不勾选时，这六个数字按信息公开目录自动统计。"),
    )
    table2_override_reason = models.CharField(_("修改原因"), max_length=200, blank=True)

    base_form_class = AnnualReportForm
    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("organisation"), FieldPanel("year")], heading=_("报告机关和年度")),
        FieldPanel("overview"),
        FieldPanel("proactive_note"),
        MultiFieldPanel(
            [
                FieldPanel("table2_override"),
                FieldPanel("table2_override_reason"),
                AnnualReportTablePanel("t2", heading=_("表二")),
            ],
            heading=_("二、主动公开政府信息情况"),
        ),
        FieldPanel("applications_note"),
        AnnualReportTablePanel("t3", heading=_("三、收到和处理政府信息公开申请情况")),
        FieldPanel("appeals_note"),
        AnnualReportTablePanel("t4", heading=_("四、政府信息公开行政复议、行政诉讼情况")),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("overview"),
        index.SearchField("problems"),
        index.FilterField("year"),
    ]

    column_type = "信息公开"
    serve_select_related = ("organisation",)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="unique_annual_report_per_year"),
        ]

    def clean(self):
        super().clean()
        if self.organisation_id and self.year:
            clash = AnnualReportPage.objects.filter(organisation_id=self.organisation_id, year=self.year)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"year": _("该机关本年度的年度报告已经存在。")})

    def value(self, name):
        return (self.tables or {}).get(name, 0)

    def previous_report(self):
        return AnnualReportPage.objects.filter(organisation_id=self.organisation_id, year=self.year - 1).first()

    def carry_over_warnings(self):
        """Columns where 上年结转 differs from last year's 结转下年度 (a warning, not an error)."""
        previous = self.previous_report()
        if previous is None:
            return []
        return tables.carried_over_mismatch(self.tables or {}, previous.tables or {})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["t2"] = report_table_context("t2", self.value)
        context["t3"] = report_table_context("t3", self.value)
        context["t4"] = report_table_context("t4", self.value)
        return context
