"""Tables 3 and 4 of the annual report computed from the register, for one organisation and year.

Cell names are the annual report's own (``t3_<row>_<column>``, ``t4_<group>_<column>``); the annual
report page asks for them through the ``register_annual_report_cells`` hook (see wagtail_hooks).
"""

from datetime import date

from applications.models import Appeal, AppealKind, AppealResult, Application
from applications.models.choices import CLOSED_STATES
from disclosure import annual_tables as tables

TOTAL = len(tables.T3_COLUMNS) - 1
T4_GROUP = {kind: i for i, kind in enumerate(AppealKind.values)}
T4_COLUMN = {result: i for i, result in enumerate(AppealResult.values)}


def table3_cells(organisation, year):
    """Table 3: 本年新收, 上年结转, each result row, 总计 and 结转下年度, per applicant column."""
    cells = dict.fromkeys(tables.T3_CELLS, 0)
    first, last = date(year, 1, 1), date(year, 12, 31)
    applications = Application.objects.filter(organisation=organisation, received_on__lte=last).only(
        "received_on", "replied_on", "state", "outcome", "applicant_type", "organisation_kind"
    )
    for application in applications:
        concluded = application.replied_on if application.state in CLOSED_STATES else None
        if concluded is not None and concluded < first:
            continue  # answered in an earlier year
        column = application.table3_column
        counted = ["new" if application.received_on >= first else "carried"]
        if concluded is not None and concluded <= last:
            counted += [application.outcome, "total"]
        else:
            counted.append("carry_forward")
        for row in counted:
            cells[f"t3_{row}_{column}"] += 1
            cells[f"t3_{row}_{TOTAL}"] += 1
    return cells


def table4_cells(organisation, year):
    """Table 4: reviews and lawsuits filed in ``year`` against this organisation's answers, by result."""
    cells = dict.fromkeys(tables.T4_CELLS, 0)
    for kind, result in Appeal.objects.filter(application__organisation=organisation, filed_on__year=year).values_list(
        "kind", "result"
    ):
        group = T4_GROUP[kind]
        cells[f"t4_{group}_{T4_COLUMN[result]}"] += 1
        cells[f"t4_{group}_4"] += 1
    return cells


def annual_report_cells(organisation, year):
    """Both tables, once the organisation keeps its register here (before that they are typed in by hand)."""
    if not Application.objects.filter(organisation=organisation).exists():
        return {}
    return {**table3_cells(organisation, year), **table4_cells(organisation, year)}
